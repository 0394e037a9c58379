// The progress a run shows, derived from its stored state: which steps, in which order, with which status.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Run } from '../../src/domain/runs.ts';
import { MAX_DELEGATED_TASKS, progressOf, stepsOf } from '../../src/runs/progress.ts';

const run = (patch: Partial<Run>) => ({ route: 'planned', state: 'routing', ...patch }) as Run;
const statuses = (progress: ReturnType<typeof progressOf>) => progress.tasks.map((task) => `${task.id}:${task.status}`);

test('a planned run has every step; ultrawork only frame, execute and report until its review gate comes back', () => {
  assert.deepEqual(stepsOf(run({})), ['frame', 'clarify', 'review', 'approval', 'execute', 'report']);
  assert.deepEqual(stepsOf(run({ route: 'ultrawork' })), ['frame', 'execute', 'report']);
  assert.deepEqual(stepsOf(run({ route: 'ultrawork', approval: { kind: 'high_cost', planId: 'PLAN-1', version: 1 } })), ['frame', 'review', 'approval', 'execute', 'report']);
});

test('steps before the current one are complete, the current one in progress, the rest pending', () => {
  assert.deepEqual(statuses(progressOf(run({ state: 'reviewing' }))), ['frame:complete', 'clarify:complete', 'review:in_progress', 'approval:pending', 'execute:pending', 'report:pending']);
  const waiting = progressOf(run({ state: 'awaiting_answer' }));
  assert.equal(waiting.mood, 'waiting');
  assert.equal(waiting.tasks[1]?.output, 'waiting for an answer in the thread');
  assert.ok(progressOf(run({ state: 'done' })).tasks.every((task) => task.status === 'complete'));
});

test('a failed step shows its error; a cancel stops what was under way and keeps what was done', () => {
  const failed = progressOf(run({ state: 'failed', failedIn: 'clarifying', error: 'Claude is unreachable' }));
  assert.deepEqual(statuses(failed).slice(0, 3), ['frame:complete', 'clarify:error', 'review:pending']);
  assert.equal(failed.tasks[1]?.output, 'Claude is unreachable');
  const cancelled = progressOf(run({ state: 'cancelled' }), progressOf(run({ state: 'clarifying' })));
  assert.deepEqual(statuses(cancelled).slice(0, 3), ['frame:complete', 'clarify:error', 'review:pending']);
  assert.equal(cancelled.mood, 'cancelled');
});

test('each delegation is a task under execute, finished by the agent that took it, newest kept when there are many', () => {
  const executing = run({ route: 'ultrawork', state: 'executing' });
  let progress = progressOf(executing, undefined, { kind: 'delegated', from: 'execution-manager', to: 'research-agent', task: 'Competitor profiles' });
  progress = progressOf(executing, progress, { kind: 'finished', agent: 'research-agent', ok: false, output: 'research-agent failed: timeout\nmore' });
  assert.deepEqual(statuses(progress), ['frame:complete', 'execute:in_progress', 'delegation-1:error', 'report:pending']);
  assert.equal(progress.tasks[2]?.title, 'research-agent: Competitor profiles');
  assert.equal(progress.tasks[2]?.output, 'research-agent failed: timeout more');
  for (let i = 0; i < MAX_DELEGATED_TASKS + 5; i += 1) progress = progressOf(executing, progress, { kind: 'delegated', from: 'execution-manager', to: 'content-writer', task: `post ${i}` });
  assert.equal(progress.tasks.filter((task) => task.id.startsWith('delegation-')).length, MAX_DELEGATED_TASKS);
  assert.equal(progress.tasks.at(-2)?.title, `content-writer: post ${MAX_DELEGATED_TASKS + 4}`);
});
