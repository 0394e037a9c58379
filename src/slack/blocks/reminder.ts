// The reminder posted in a thread whose plan or asset still waits for a decision: which one, how long it
// has waited, and whoever may decide, mentioned (or the group the channel named) so Slack tells them.
import type { PendingItem } from '../../services/pending.ts';
import { approvalSentence } from '../runs/blocks.ts';
import { context, formatAge, message, section, type Message } from './kit.ts';
import { mrkdwnEscape, truncate } from './limits.ts';
import { MAX_REMINDERS } from '../../domain/reminders.ts';

const WHAT: Record<PendingItem['kind'], string> = { plan: 'Approve or Reject on the plan card above', asset: 'Approve or Send back on the asset card above', question: 'Answer in this thread' };

export function reminderMessage(item: PendingItem, n: number, now: Date): Message {
  const title = mrkdwnEscape(truncate(item.title.replace(/\s+/g, ' '), 150));
  const waited = formatAge(item.since, now);
  return message(`Reminder: ${item.title} has waited ${waited} for a decision`, [
    section(`:alarm_clock: *Reminder:* *${title}* has waited ${waited} for a decision. ${WHAT[item.kind]}.`),
    context([`:bust_in_silhouette: ${approvalSentence(item.need)}.`, `Reminder ${n} of ${MAX_REMINDERS}; at most one a day.`]),
  ]);
}
