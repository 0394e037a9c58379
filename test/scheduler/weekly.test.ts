// The weekly cycle report through the real app: once per program per ISO week in the configured zone,
// across two instances sharing one store, after a restart, and when the app was down at the tick.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TRACKS } from '../../src/domain/metrics.ts';
import type { ProgramRef } from '../../src/domain/program.ts';
import { PeriodLocks } from '../../src/scheduler/locks.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import { openRepositories, type Repositories } from '../../src/store/repos/index.ts';
import { initialProgramState } from '../../src/store/repos/program-state.ts';
import { startHarness, type Harness } from '../support/app-harness.ts';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../support/fake-slack.ts';

const ZONE = { OHMYMKT_TIMEZONE: 'America/Los_Angeles' };
const TEAM = 'T0TEAM0001';
const ACTIVE_A: ProgramRef = { teamId: TEAM, channelId: 'C0ACTIVEAA' };
const ACTIVE_B: ProgramRef = { teamId: TEAM, channelId: 'C0ACTIVEBB' };
const IDLE: ProgramRef = { teamId: TEAM, channelId: 'C0NOCAMPGN' };

// Week 2026-W48 runs Monday 2026-11-23 to Sunday 2026-11-29 in Los Angeles (PST, UTC-8).
const CAMPAIGN_STARTED = new Date('2026-11-16T18:00:00Z'); // after the month's and quarter's 09:00 runs
const MONDAY_0800 = new Date('2026-11-23T16:00:00Z');
const MONDAY_0900 = new Date('2026-11-23T17:00:00Z');
const TUESDAY_1000 = new Date('2026-11-24T18:00:00Z');
const THURSDAY_1000 = new Date('2026-11-26T18:00:00Z');

let dir: string;
let store: DocumentStore;
let repos: Repositories;
let slack: FakeSlack;
let current: Date;
const clock = { now: () => current };
const harnesses: Harness[] = [];

async function seed(program: ProgramRef, startedAt?: Date): Promise<void> {
  const execution = startedAt && {
    planId: 'PLAN-1',
    planVersion: 1,
    activeTracks: [...TRACKS],
    startedBy: { userId: 'U0PERSON01', surface: 'action' as const },
    startedAt,
  };
  assert.ok(await repos.programs.save(program, 0, { ...initialProgramState(), ...(execution ? { execution } : {}) }, startedAt ?? current));
}

async function start(): Promise<Harness> {
  const harness = await startHarness({ store, slack, clock, env: ZONE });
  harnesses.push(harness);
  await harness.app.scheduler.idle();
  return harness;
}

/** Top-level messages Slack accepted in the channel. */
function postedIn(program: ProgramRef): SlackCall[] {
  return slack.callsOf('chat.postMessage').filter((call) => call.args['channel'] === program.channelId && call.response['ok'] === true);
}

function blockTexts(call: SlackCall): string {
  return JSON.stringify(call.args['blocks']);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ohmymkt-weekly-'));
  store = await openEmbeddedStore(dir);
  repos = await openRepositories(store);
  slack = await startFakeSlack();
  current = MONDAY_0800;
});

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.stop();
  await slack.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('weekly cycle report', () => {
  test('two instances on one store and a tick on both post one report per program with a campaign', async () => {
    await seed(ACTIVE_A, CAMPAIGN_STARTED);
    await seed(ACTIVE_B, CAMPAIGN_STARTED);
    await seed(IDLE);
    const [one, two] = [await start(), await start()];
    assert.equal(slack.callsOf('chat.postMessage').length, 0, 'nothing is due before Monday 09:00');

    current = MONDAY_0900;
    await Promise.all([one.app.scheduler.tick('weekly'), two.app.scheduler.tick('weekly')]);

    assert.deepEqual([ACTIVE_A, ACTIVE_B, IDLE].map((program) => postedIn(program).length), [1, 1, 0]);
    const [report] = postedIn(ACTIVE_A);
    assert.ok(report);
    assert.match(blockTexts(report), /Weekly growth report · 2026-W48 · cycle: intervene/);
    assert.match(blockTexts(report), /Next-cycle priorities/);
    assert.match(blockTexts(report), /run a focused remediation sprint on failing modules/);
  });

  test('the tick stores one weekly cycle per program and marks its lock done', async () => {
    await seed(ACTIVE_A, CAMPAIGN_STARTED);
    const [one, two] = [await start(), await start()];
    current = MONDAY_0900;
    await Promise.all([one.app.scheduler.tick('weekly'), two.app.scheduler.tick('weekly')]);

    const cycles = await repos.cycles.list(ACTIVE_A);
    assert.deepEqual(cycles.map((c) => [c.entry.cadence, c.at.toISOString()]), [['weekly', MONDAY_0900.toISOString()]]);
    const locks = await store.collection<{ _id: string; state: string }>('period_locks');
    assert.equal((await locks.findOne({ _id: PeriodLocks.id('weekly', ACTIVE_A, '2026-W48') }))?.state, 'done');
  });

  test('a second tick in the same ISO week posts nothing', async () => {
    await seed(ACTIVE_A, CAMPAIGN_STARTED);
    const app = await start();
    current = MONDAY_0900;
    await app.app.scheduler.tick('weekly');
    current = THURSDAY_1000;
    await app.app.scheduler.tick('weekly');
    assert.equal(postedIn(ACTIVE_A).length, 1);
  });

  test('the next ISO week posts again', async () => {
    await seed(ACTIVE_A, CAMPAIGN_STARTED);
    const app = await start();
    current = MONDAY_0900;
    await app.app.scheduler.tick('weekly');
    current = new Date('2026-11-30T17:00:00Z');
    await app.app.scheduler.tick('weekly');
    assert.deepEqual(
      postedIn(ACTIVE_A).map((call) => /2026-W\d\d/.exec(blockTexts(call))?.[0]),
      ['2026-W48', '2026-W49'],
    );
  });

  test('down at Monday 09:00: starting posts the missed report once, restarting posts nothing more', async () => {
    await seed(ACTIVE_A, CAMPAIGN_STARTED);
    current = TUESDAY_1000;
    const app = await start();
    assert.equal(postedIn(ACTIVE_A).length, 1);
    assert.match(blockTexts(postedIn(ACTIVE_A)[0] as SlackCall), /2026-W48/);

    await app.restart();
    await app.app.scheduler.idle();
    await app.app.scheduler.tick('weekly');
    assert.equal(postedIn(ACTIVE_A).length, 1);
  });

  test('a campaign started after Monday 09:00 missed nothing, so starting posts nothing for it', async () => {
    await seed(ACTIVE_A, new Date('2026-11-24T01:00:00Z'));
    current = TUESDAY_1000;
    await start();
    assert.equal(postedIn(ACTIVE_A).length, 0);
  });

  test('before Monday 09:00 a start does not post this week’s report early', async () => {
    await seed(ACTIVE_A, CAMPAIGN_STARTED);
    current = MONDAY_0800;
    await start();
    assert.equal(postedIn(ACTIVE_A).length, 0);
  });

  test('a program whose post fails does not stop the others, and a later pass retries it', async () => {
    await seed(ACTIVE_A, CAMPAIGN_STARTED);
    await seed(ACTIVE_B, CAMPAIGN_STARTED);
    const app = await start();
    slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    current = MONDAY_0900;
    await app.app.scheduler.tick('weekly');
    assert.deepEqual([ACTIVE_A, ACTIVE_B].map((program) => postedIn(program).length).sort(), [0, 1]);
    assert.ok(app.logs.some((line) => line.includes('scheduled_report_failed') && line.includes('not_in_channel')));

    current = new Date(MONDAY_0900.getTime() + 16 * 60_000);
    await app.app.scheduler.catchUp();
    assert.deepEqual([ACTIVE_A, ACTIVE_B].map((program) => postedIn(program).length), [1, 1]);
  });

  test('a rate-limited post is retried by the Slack client and lands once', async () => {
    await seed(ACTIVE_A, CAMPAIGN_STARTED);
    const app = await start();
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    current = MONDAY_0900;
    await app.app.scheduler.tick('weekly');
    assert.equal(postedIn(ACTIVE_A).length, 1);
  });
});
