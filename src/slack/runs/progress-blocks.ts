// A run's progress message: a `plan` block whose `task_card`s are the run's steps and delegated tasks, each
// with its status and one line of output (https://docs.slack.dev/reference/block-kit/blocks/plan-block,
// .../task-card-block). Where a workspace refuses those blocks (invalid_blocks), the same content as plain
// section lines, one emoji per status.
import type { KnownBlock, PlanBlock, RichTextBlock, TaskCardBlock } from '@slack/types';
import type { ProgressTask, RunMood, RunProgress, TaskStatus } from '../../runs/progress.ts';
import { context, message, sectionsFromLines, type Message } from '../blocks/kit.ts';
import { LIMITS, mrkdwnEscape, truncate } from '../blocks/limits.ts';

const TITLES: Record<RunMood, string> = {
  working: 'Working on it',
  waiting: 'Waiting for a person',
  done: 'Done',
  failed: 'Stopped by an error',
  cancelled: 'Cancelled',
};

const STATUS_EMOJI: Record<TaskStatus, string> = {
  pending: ':white_circle:',
  in_progress: ':hourglass_flowing_sand:',
  complete: ':white_check_mark:',
  error: ':x:',
};

// Titles are ours and short; the cap keeps a model-written delegation title to one line, like the header's.
const TASK_TITLE_MAX = LIMITS.headerText;

/** One rich_text holding one section: the task card's `output` is "a single rich_text entity". */
function richLine(text: string): RichTextBlock {
  return { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] };
}

/**
 * Titles and outputs are plain and rich text, not mrkdwn, so nothing is escaped; a broadcast or a mention
 * an agent wrote (`<!channel>`, `<@U…>`, `@here`) is still broken with a word joiner, so it cannot ping.
 */
function inert(text: string): string {
  return text.replace(/<([!@#])/g, '<\u2060$1').replace(/(^|[^\w@\u2060])@(channel|here|everyone)\b/gi, '$1@\u2060$2');
}

function card(task: ProgressTask): TaskCardBlock {
  return {
    type: 'task_card',
    task_id: task.id,
    title: inert(truncate(task.title, TASK_TITLE_MAX)),
    status: task.status,
    ...(task.output ? { output: richLine(inert(task.output)) } : {}),
  };
}

function summary(progress: RunProgress): string {
  const done = progress.tasks.filter((task) => task.status === 'complete').length;
  return `${TITLES[progress.mood]} · ${done}/${progress.tasks.length} steps complete`;
}

/** With `plan` false, the section-line form for workspaces that refuse plan blocks. */
export function progressMessage(progress: RunProgress, { plan }: { plan: boolean }): Message {
  if (plan) {
    const block: PlanBlock = { type: 'plan', title: TITLES[progress.mood], tasks: progress.tasks.map(card) };
    return message(summary(progress), [block as KnownBlock]);
  }
  const lines = progress.tasks.map((task) => {
    const output = task.output ? ` — ${mrkdwnEscape(task.output)}` : '';
    return `${STATUS_EMOJI[task.status]} ${mrkdwnEscape(truncate(task.title, TASK_TITLE_MAX))}${output}`;
  });
  return message(summary(progress), [...sectionsFromLines([`*${TITLES[progress.mood]}*`, ...lines]), context([mrkdwnEscape(summary(progress))])]);
}
