// The run lease: one holder at a time, renewed while a step runs, taken over only once it has run
// out (or its holder's process is gone) — on both stores.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RunLeases } from '../../src/store/repos/run-leases.ts';
import { scenarioStores } from '../support/scenario-stores.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 24, 9, 0, seconds));
const alive = () => false;

for (const backing of scenarioStores()) {
  describe(`run leases on the ${backing.name}`, { skip: backing.skip }, () => {
    let leases: RunLeases;
    before(async () => {
      leases = await RunLeases.open(await backing.open());
    });
    after(() => backing.close());

    test('a live lease keeps another replica out; renewing it keeps it live past its first expiry', async () => {
      assert.equal(await leases.acquire('run-1', 'A', at(30), at(0), alive), true);
      assert.equal(await leases.acquire('run-1', 'B', at(40), at(10), alive), false);
      assert.equal(await leases.renew('run-1', 'A', at(60)), true);
      assert.equal(await leases.acquire('run-1', 'B', at(80), at(45), alive), false, 'A renewed: still A at 45 s');
      assert.equal(await leases.holder('run-1', at(45)), 'A');
    });

    test('an expired lease is taken over, and the old holder can no longer renew it', async () => {
      assert.equal(await leases.acquire('run-1', 'B', at(120), at(61), alive), true);
      assert.equal(await leases.renew('run-1', 'A', at(130)), false);
      assert.equal(await leases.holder('run-1', at(62)), 'B');
    });

    test('a lease whose holder is gone is taken at once; a released one is free', async () => {
      assert.equal(await leases.acquire('run-1', 'C', at(200), at(70), (holder) => holder === 'B'), true);
      await leases.release('run-1', 'C');
      assert.equal(await leases.holder('run-1', at(71)), undefined);
      assert.equal(await leases.acquire('run-1', 'D', at(200), at(71), alive), true);
    });

    test('of ten concurrent takers of a free lease exactly one wins', async () => {
      const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => leases.acquire('run-2', `W${i}`, at(30), at(0), alive)));
      assert.equal(wins.filter(Boolean).length, 1);
    });
  });
}
