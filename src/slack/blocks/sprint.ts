// The sprint board (rules §8), grouped by track then module so each owner finds their rows. A board
// bigger than one message is posted as several, each complete in itself and labelled "part i of n".
import type { KnownBlock } from '@slack/types';
import { SEO_AEO } from '../../domain/playbook-catalog.ts';
import type { Playbook } from '../../domain/playbook.ts';
import { TASK_STATUSES, type SprintTask, type TaskStatus } from '../../domain/sprint.ts';
import { context, header, mention, message, section, sectionsFromLines, slackDate, type Message } from './kit.ts';
import { LIMITS, mrkdwnEscape, splitIntoMessages, truncate } from './limits.ts';

export const TASK_STATUS_EMOJI: Record<TaskStatus, string> = {
  pending: ':white_circle:',
  in_progress: ':large_blue_circle:',
  done: ':white_check_mark:',
  blocked: ':no_entry:',
};

const STATUS_WORDS: Record<TaskStatus, string> = { pending: 'pending', in_progress: 'in progress', done: 'done', blocked: 'blocked' };
const trackTitle = (track: string): string => `${track.charAt(0).toUpperCase()}${track.slice(1).replaceAll('_', ' ')} track`;

/** A board row is read on a phone; the full task text is one `read_state` away. */
export const TASK_TEXT_MAX = 160;

export function isOverdue(task: SprintTask, now: Date): boolean {
  return task.status !== 'done' && task.due.getTime() < now.getTime();
}

export function taskLine(task: SprintTask, now: Date): string {
  const overdue = isOverdue(task, now) ? ' · :warning: *overdue*' : '';
  const text = mrkdwnEscape(truncate(task.text.replace(/\s+/g, ' ').trim(), TASK_TEXT_MAX));
  return `${TASK_STATUS_EMOJI[task.status]} \`${mrkdwnEscape(task.id)}\` ${text} · ${mention(task.owner)} · due ${slackDate(task.due, false)}${overdue}`;
}

function counts(tasks: SprintTask[], now: Date): string {
  const byStatus = TASK_STATUSES.filter((status) => status !== 'pending')
    .map((status) => `${tasks.filter((task) => task.status === status).length} ${STATUS_WORDS[status]}`)
    .join(' · ');
  const overdue = tasks.filter((task) => isOverdue(task, now)).length;
  return `${tasks.length} tasks · ${byStatus}${overdue > 0 ? ` · ${overdue} overdue` : ''}`;
}

function trackBlocks(track: string, tasks: SprintTask[], now: Date, book: Playbook): KnownBlock[] {
  const onTrack = tasks.filter((task) => task.track === track);
  if (onTrack.length === 0) return [];
  const done = onTrack.filter((task) => task.status === 'done').length;
  // A board seeded under another playbook still shows every task: unknown modules come last.
  const modules = [...new Set([...book.modules.map((module) => module.name), ...onTrack.map((task) => task.module)])];
  const groups = modules.flatMap((module) => {
    const rows = onTrack.filter((task) => task.module === module);
    return rows.length === 0 ? [] : sectionsFromLines([`*${module}*`, ...rows.map((task) => taskLine(task, now))]);
  });
  return [section(`*${mrkdwnEscape(trackTitle(track))}* · ${onTrack.length} tasks · ${done} done`), ...groups];
}

const LEGEND = TASK_STATUSES.map((status) => `${TASK_STATUS_EMOJI[status]} ${STATUS_WORDS[status]}`).join('  ');

/** Tracks and modules come in the playbook's order (seo-aeo's when none is given). */
export function sprintBoardMessages(tasks: SprintTask[], now: Date, book: Playbook = SEO_AEO): Message[] {
  const summary = counts(tasks, now);
  if (tasks.length === 0) {
    return [message('Sprint board: no tasks yet', [header('Sprint board'), section('No tasks yet: the board is seeded when a campaign starts.')])];
  }
  const blocks: KnownBlock[] = [
    header('Sprint board'),
    section(`*${summary}*`),
    ...[...new Set([...book.tracks.map((track) => track.name), ...tasks.map((task) => task.track)])].flatMap((track) => trackBlocks(track, tasks, now, book)),
    context([LEGEND]),
  ];
  if (blocks.length <= LIMITS.messageBlocks) return [message(`Sprint board: ${summary}`, blocks)];
  // One block of every part is its "part i of n" label.
  const parts = splitIntoMessages(blocks, LIMITS.messageBlocks - 1);
  return parts.map((part, i) => {
    const label = `Sprint board · part ${i + 1} of ${parts.length}`;
    return message(`${label}: ${summary}`, [...(i === 0 ? [] : [context([label])]), ...part, ...(i === 0 ? [context([label])] : [])]);
  });
}
