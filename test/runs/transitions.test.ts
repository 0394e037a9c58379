// The run's transition table is the one the worker enforces: every state is in it, nothing leaves a
// final state, and a move the table does not list is refused without touching the stored run.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../src/logging.ts';
import { FINAL_STATES, RUN_STATES, TRANSITIONS, WAITING_STATES, WORKING_STATES, type Run } from '../../src/domain/runs.ts';
import { runPhase } from '../../src/runs/phases.ts';
import { IllegalTransition, RunWorker } from '../../src/runs/worker.ts';
import { claudeAgents } from '../../src/runs/claude-agents.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import { openRepositories } from '../../src/store/repos/index.ts';
import type { DocumentStore } from '../../src/store/port.ts';

const NOW = new Date('2026-11-29T10:00:00Z');

function aRun(state: Run['state']): Run {
  return {
    teamId: 'T1', channelId: 'C1', threadTs: '1700000000.000100', requesterId: 'U1', request: 'grow signups', route: 'planned', impact: 'low',
    evidence: [], routeNote: 'Route: planned', offerUltrawork: false, state, reviewRounds: 0, feedback: [], answers: [], providerIssues: [],
    rev: 1, createdAt: NOW, updatedAt: NOW,
  };
}

describe('the transition table', () => {
  test('names every state, and only states', () => {
    assert.deepEqual(Object.keys(TRANSITIONS).sort(), [...RUN_STATES].sort());
    for (const [from, to] of Object.entries(TRANSITIONS)) for (const state of to) assert.ok(RUN_STATES.includes(state), `${from} → ${state}`);
  });

  test('nothing leaves a final state; every other state can fail or be cancelled', () => {
    for (const state of FINAL_STATES) assert.deepEqual(TRANSITIONS[state], [], state);
    for (const state of WORKING_STATES) assert.ok(TRANSITIONS[state].includes('failed') && TRANSITIONS[state].includes('cancelled'), state);
    for (const state of WAITING_STATES) assert.ok(TRANSITIONS[state].includes('cancelled'), state);
    assert.ok(TRANSITIONS.failed.every((state) => state === 'cancelled' || WORKING_STATES.includes(state as never)), 'Retry resumes a working state');
  });
});

describe('the worker enforces it', () => {
  let dir: string;
  let store: DocumentStore;
  let worker: RunWorker;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-transitions-'));
    store = await openEmbeddedStore(dir);
    const services = { repos: await openRepositories(store), clock: { now: () => NOW } };
    const thread = { post: async () => undefined, update: async () => undefined, working: async () => undefined, progress: async () => undefined };
    worker = new RunWorker({ services, agents: claudeAgents(undefined), thread, logger: createLogger('error', () => undefined) });
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a move the table lists goes through; one it does not list is refused and the stored run stays', async () => {
    const run = { ...aRun('awaiting_approval'), threadTs: '1700000000.000200' };
    await worker.deps.services.repos.runs.create(run);
    await assert.rejects(worker.move(run, 'reporting'), (error: unknown) => error instanceof IllegalTransition && /awaiting_approval to reporting/.test(error.message));
    assert.equal((await worker.deps.services.repos.runs.get({ teamId: 'T1', channelId: 'C1' }, run.threadTs))?.state, 'awaiting_approval');
    const moved = await worker.move(run, 'executing');
    assert.equal(moved?.state, 'executing');
  });

  test('a run that waits or is over has no step: runPhase leaves it as it is', async () => {
    for (const state of [...WAITING_STATES, ...FINAL_STATES, 'failed' as const]) {
      const run = aRun(state);
      const { services, agents, thread } = worker.deps;
      assert.equal(await runPhase({ services, agents, thread, move: (r, to, patch) => worker.move(r, to, patch), signal: undefined }, run), run, state);
    }
  });
});
