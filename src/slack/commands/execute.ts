// Runs a parsed `/ohmymkt` command through its table entry: help inside the ack, everything else
// after it, with the guarded kinds checked first and a business "no" answered privately.
import type { Fail } from '../../domain/result.ts';
import { authorize } from '../authorize.ts';
import { forbiddenMessage } from '../blocks/audit.ts';
import { helpMessage, usageError } from '../blocks/help.ts';
import type { Message } from '../blocks/kit.ts';
import type { CommandContext } from './spec.ts';
import { specOf, type Command } from './table.ts';

/** A business "no" becomes a private answer naming the problem, with how `command` (the word typed) is written. */
export function refusal(failure: Fail, command?: string): Message {
  return failure.code === 'forbidden' ? forbiddenMessage(failure.message) : usageError(failure.message, failure.reasons, command);
}

/** The answer given inside the ack, for the one command that needs nothing but the grammar (help). */
export function answerInAck(command: Command): Message | undefined {
  return command.kind === 'help' ? helpMessage() : undefined;
}

export async function executeCommand(command: Command, context: CommandContext): Promise<void> {
  const spec = specOf(command);
  const guard = spec?.guards?.[command.kind];
  if (guard !== undefined) {
    const { services, program, actor } = context;
    const refused = await authorize({ services, program, userId: actor.userId, role: context.role }, guard);
    if (refused) return context.replies.private(refusal(refused, command.kind));
  }
  const refused = await spec?.execute?.(command, context);
  if (refused) await context.replies.private(refusal(refused.failure, refused.command));
}
