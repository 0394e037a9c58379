// A period lock is claimed once; a claim whose holder died is taken over once it is stale, by one taker.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MAX_ATTEMPTS, PeriodLocks, STALE_CLAIM_MS } from '../../src/scheduler/locks.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import type { DocumentStore } from '../../src/store/port.ts';

const T0 = new Date('2026-11-23T17:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
let dir: string;
let store: DocumentStore;
let locks: PeriodLocks;
let channel = 0;
const program = () => ({ teamId: 'T0TEAM0001', channelId: `C0LOCK${String(++channel).padStart(4, '0')}` });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ohmymkt-locks-'));
  store = await openEmbeddedStore(dir);
  locks = await PeriodLocks.open(store);
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('period locks', () => {
  test('the id names the job, the program and the period', () => {
    assert.equal(PeriodLocks.id('weekly', { teamId: 'T1', channelId: 'C1' }, '2026-W48'), 'weekly:T1:C1:2026-W48');
  });

  test('of two simultaneous claims, exactly one wins', async () => {
    const p = program();
    const results = await Promise.all(['a', 'b'].map((holder) => locks.claim('weekly', p, '2026-W48', holder, T0)));
    assert.deepEqual(results.map((r) => r.claimed).sort(), [false, true]);
  });

  test('a done lock is never claimed again, however late', async () => {
    const p = program();
    const first = await locks.claim('weekly', p, '2026-W48', 'a', T0);
    assert.ok(first.claimed);
    await locks.done(first.lock, later(1000));
    assert.deepEqual(await locks.claim('weekly', p, '2026-W48', 'b', later(STALE_CLAIM_MS * 10)), { claimed: false, reason: 'done' });
    assert.ok((await locks.finished('weekly', '2026-W48')).has(first.lock.id));
  });

  test('a fresh claim blocks others; a stale one is taken over by exactly one of them', async () => {
    const p = program();
    await locks.claim('weekly', p, '2026-W48', 'crashed', T0);
    assert.deepEqual(await locks.claim('weekly', p, '2026-W48', 'b', later(STALE_CLAIM_MS - 1)), { claimed: false, reason: 'held' });
    const stale = later(STALE_CLAIM_MS + 1);
    const takers = await Promise.all(['b', 'c'].map((holder) => locks.claim('weekly', p, '2026-W48', holder, stale)));
    const won = takers.flatMap((r) => (r.claimed ? [{ attempts: r.lock.attempts, takeover: r.takeover }] : []));
    assert.deepEqual(won, [{ attempts: 2, takeover: true }]);
  });

  test('a claim that keeps failing is given up after the last attempt', async () => {
    const p = program();
    let at = T0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      assert.equal((await locks.claim('weekly', p, '2026-W48', `holder-${attempt}`, at)).claimed, true);
      at = new Date(at.getTime() + STALE_CLAIM_MS + 1);
    }
    assert.deepEqual(await locks.claim('weekly', p, '2026-W48', 'next', at), { claimed: false, reason: 'exhausted' });
  });

  test('periods and jobs lock independently', async () => {
    const p = program();
    const claims = await Promise.all([
      locks.claim('weekly', p, '2026-W48', 'a', T0),
      locks.claim('weekly', p, '2026-W49', 'a', T0),
      locks.claim('monthly', p, '2026-11', 'a', T0),
    ]);
    assert.deepEqual(claims.map((c) => c.claimed), [true, true, true]);
  });
});
