// Runs as list lines, shared by App Home and `/ohmymkt runs`: state, whom a run waits on, cost.
// `/ohmymkt runs` is built here too: the channel's newest runs, privately, each linked to its thread.
import type { RunState } from '../../domain/runs.ts';
import type { HomeRun } from '../../services/home.ts';
import { context, formatAge, header, message, section, sectionsFromLines, type Message } from './kit.ts';
import { mrkdwnEscape, truncate } from './limits.ts';

export const RUNS_LISTED = 10;

const STATE_LABEL: Record<RunState, string> = {
  routing: ':hourglass_flowing_sand: routing',
  clarifying: ':hourglass_flowing_sand: clarifying',
  awaiting_answer: ':question: waiting for an answer',
  reviewing: ':hourglass_flowing_sand: reviewing',
  awaiting_approval: ':raised_hand: waiting for approval',
  executing: ':hourglass_flowing_sand: executing',
  reporting: ':hourglass_flowing_sand: reporting',
  done: ':white_check_mark: done',
  failed: ':x: failed',
  cancelled: ':octagonal_sign: cancelled',
};

export function runStateLabel(state: RunState): string {
  return STATE_LABEL[state];
}

/** Dollars as a person reads them: cents, or a tenth of a cent below one cent. */
export function usd(amount: number): string {
  if (amount === 0) return '$0';
  return amount < 0.01 ? `$${amount.toFixed(3)}` : `$${amount.toFixed(2)}`;
}

const SHOWN_PEOPLE = 3;

/** "waits on @a, @b and 2 more", or empty when nobody is waited on. */
export function waitingText(userIds: readonly string[]): string {
  if (userIds.length === 0) return '';
  const shown = userIds.slice(0, SHOWN_PEOPLE).map((id) => `<@${id}>`);
  return `waits on ${shown.join(', ')}${userIds.length > SHOWN_PEOPLE ? ` and ${userIds.length - SHOWN_PEOPLE} more` : ''}`;
}

/** `/ohmymkt runs`: `link` gives the thread's link when one could be had. */
export function runsMessage(runs: HomeRun[], link: (threadTs: string) => string | undefined, now: Date): Message {
  if (runs.length === 0) {
    return message('No runs in this channel yet', [section('No runs in this channel yet. Mention @ohmymkt with a growth objective, or `/ohmymkt ulw <request>`.')]);
  }
  const lines = runs.map(({ run, costUsd, unpricedCalls, waitingOn }) => {
    const request = mrkdwnEscape(truncate(run.request.replace(/\s+/g, ' '), 90)) || 'a request';
    const url = link(run.threadTs);
    const waits = waitingText(waitingOn);
    const cost = `${usd(costUsd)}${unpricedCalls > 0 ? ' (+ unpriced calls)' : ''}`;
    return `${runStateLabel(run.state)} · ${url ? `<${url}|${request}>` : request}\nasked by <@${run.requesterId}> · ${formatAge(run.createdAt, now)} ago · ${cost}${waits ? ` · ${waits}` : ''}`;
  });
  return message(`The ${runs.length} newest runs in this channel`, [
    header(`Recent runs (${runs.length})`),
    ...sectionsFromLines(lines),
    context(['Only you see this. Each run is one thread; open it to answer, approve or cancel.']),
  ]);
}
