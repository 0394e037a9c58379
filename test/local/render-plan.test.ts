// The terminal renders a run's progress message like Slack: the plan's title, each task with its status
// mark, and its one-line output under it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMessage, terminalStyle } from '../../src/local/render.ts';
import { progressMessage } from '../../src/slack/runs/progress-blocks.ts';

test('a plan shows every task with its status and output, in the plan and in the section fallback alike', () => {
  const progress = {
    mood: 'working' as const,
    tasks: [
      { id: 'frame', title: 'Frame the request', status: 'complete' as const, output: 'Brief: three posts' },
      { id: 'execute', title: 'Execute', status: 'in_progress' as const },
      { id: 'delegation-1', title: 'content-writer: three posts', status: 'error' as const, output: 'content-writer failed: timeout' },
      { id: 'report', title: 'Closing report', status: 'pending' as const },
    ],
  };
  const style = terminalStyle(false);
  const plan = renderMessage(undefined, progressMessage(progress, { plan: true }).blocks, style, () => 1);
  assert.deepEqual(plan, [
    'Working on it',
    '● Frame the request (complete)',
    '    Brief: three posts',
    '◐ Execute (in progress)',
    '✖ content-writer: three posts (error)',
    '    content-writer failed: timeout',
    '○ Closing report (pending)',
  ]);
  const lines = renderMessage(undefined, progressMessage(progress, { plan: false }).blocks, style, () => 1).join('\n');
  assert.match(lines, /✅ Frame the request — Brief: three posts\n⏳ Execute\n❌ content-writer: three posts — content-writer failed: timeout\n⚪ Closing report/);
});
