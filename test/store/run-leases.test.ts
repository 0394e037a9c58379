// The run lease: one holder at a time, renewed while a step runs, taken over only once it has run
// out — on both stores.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RunLeases } from '../../src/store/repos/run-leases.ts';
import { scenarioStores } from '../support/scenario-stores.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 24, 9, 0, seconds));

for (const backing of scenarioStores()) {
  describe(`run leases on the ${backing.name}`, { skip: backing.skip }, () => {
    let leases: RunLeases;
    before(async () => {
      leases = await RunLeases.open(await backing.open());
    });
    after(() => backing.close());

    test('a live lease keeps another replica out; renewing it keeps it live past its first expiry', async () => {
      assert.equal(await leases.acquire('run-1', 'A', at(30), at(0)), true);
      assert.equal(await leases.acquire('run-1', 'B', at(40), at(10)), false);
      assert.equal(await leases.renew('run-1', 'A', at(60)), true);
      assert.equal(await leases.acquire('run-1', 'B', at(80), at(45)), false, 'A renewed: still A at 45 s');
      assert.equal(await leases.holder('run-1', at(45)), 'A');
    });

    test('an expired lease is taken over, and the old holder can no longer renew it', async () => {
      assert.equal(await leases.acquire('run-1', 'B', at(120), at(61)), true);
      assert.equal(await leases.renew('run-1', 'A', at(130)), false);
      assert.equal(await leases.holder('run-1', at(62)), 'B');
    });

    test('a released lease is free at once; a live one is never taken, whatever its holder is called', async () => {
      assert.equal(await leases.acquire('run-1', 'B', at(200), at(70)), true, 'B renews its own lease');
      assert.equal(await leases.acquire('run-1', 'B-same-host-same-pid', at(200), at(71)), false);
      await leases.release('run-1', 'B');
      assert.equal(await leases.holder('run-1', at(71)), undefined);
      assert.equal(await leases.acquire('run-1', 'D', at(200), at(71)), true);
    });

    test('of ten concurrent takers of a free lease exactly one wins', async () => {
      const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => leases.acquire('run-2', `W${i}`, at(30), at(0))));
      assert.equal(wins.filter(Boolean).length, 1);
    });
  });
}
