// The one public line every state change from a slash command or a button leaves in the channel
// (rules §14), and the private refusal that names who may. `change` is built by the caller with
// what people typed already escaped; the actor's mention is built here and stays live.
import { context, message, section, type Message } from './kit.ts';

export function auditLine(actorId: string, change: string): Message {
  return message(`ohmymkt: ${change}`, [context([`:memo: <@${actorId}> ${change}`])]);
}

/** A permission refusal: private, says who may, and that nothing changed. */
export function forbiddenMessage(reason: string): Message {
  return message(reason, [section(`:no_entry: ${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`), context(['Nothing was changed.'])]);
}
