// The storage contract: the behaviours repositories rely on, run unchanged against each adapter.
// Each behaviour uses its own collection, so they share one open store without seeing each other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BaseDocument, DocumentStore, IndexSpec } from '../../src/store/port.ts';
import { StoreUnavailable } from '../../src/store/port.ts';
import { Installations } from '../../src/store/repos/installations.ts';
import { SlackInstallations } from '../../src/slack/oauth/installations.ts';
import { createLogger } from '../../src/logging.ts';

export interface AdapterUnderTest {
  /** Names the describe block, so the test output says which backend ran. */
  name: string;
  /** Why the backend cannot run here; the suite is then reported as skipped with this reason. */
  skip?: string;
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  /** A new store on the same data every time: opening after a close is a restart. */
  open(): Promise<DocumentStore>;
  /** Shows, in the backend's own terms, that `ttl` on `collection` is in force. */
  assertTtl(store: DocumentStore, collection: string, ttl: Required<IndexSpec>): Promise<void>;
}

interface Note extends BaseDocument {
  kind?: string;
  status?: string | null;
  at?: Date;
  score?: number;
  owner?: string | null;
  nested?: { tags: string[]; meta?: { by: string } };
}

interface Plan extends BaseDocument {
  version: number;
  writer: string;
  team?: string;
  createdAt?: Date;
}

const ids = (docs: BaseDocument[]): string[] => docs.map((doc) => doc._id);
const day = (n: number): Date => new Date(Date.UTC(2025, 0, n, 9, 30));

export function storeContract(adapter: AdapterUnderTest): void {
  describe(adapter.name, { skip: adapter.skip }, () => {
    let store: DocumentStore;

    before(async () => {
      await adapter.setup?.();
      store = await adapter.open();
    });

    after(async () => {
      await store?.close();
      await adapter.teardown?.();
    });

    it('returns an inserted document as stored, with its dates and nested objects', async () => {
      const notes = await store.collection<Note>('round_trip');
      const nested = { tags: ['a', 'b'], meta: { by: 'U1' } };
      const note: Note = { _id: 'n1', at: day(3), score: 2.5, owner: null, nested };
      assert.equal(await notes.insertOne(note), 'inserted');
      const stored = await notes.findOne({ _id: 'n1' });
      assert.deepEqual(stored, note);
      assert.ok(stored?.at instanceof Date);
    });

    it('refuses a second document with the same _id', async () => {
      const notes = await store.collection<Note>('uniqueness');
      await notes.insertOne({ _id: 'event-1', kind: 'first' });
      assert.equal(await notes.insertOne({ _id: 'event-1', kind: 'second' }), 'duplicate');
      assert.deepEqual(await notes.find({}), [{ _id: 'event-1', kind: 'first' }]);
    });

    describe('queries', () => {
      const seeded = async () => {
        const notes = await store.collection<Note>('queries', [{ field: 'at' }]);
        if ((await notes.count({})) === 0) {
          for (const note of [
            { _id: 'a', kind: 'post', status: 'draft', at: day(1), score: 5 },
            { _id: 'b', kind: 'post', status: 'live', at: day(2), score: 1 },
            { _id: 'c', kind: 'email', status: 'live', at: day(3), score: 3 },
            { _id: 'd', kind: 'post', status: 'archived', at: day(4), score: 4 },
          ]) {
            await notes.insertOne(note);
          }
        }
        return notes;
      };

      it('finds by equality', async () => {
        assert.deepEqual(ids(await (await seeded()).find({ kind: 'post' }, { sort: { _id: 1 } })), ['a', 'b', 'd']);
      });

      it('finds a date range with $gte and $lt', async () => {
        const found = await (await seeded()).find({ at: { $gte: day(2), $lt: day(4) } }, { sort: { at: 1 } });
        assert.deepEqual(ids(found), ['b', 'c']);
      });

      it('finds with $in and $ne', async () => {
        const notes = await seeded();
        assert.deepEqual(ids(await notes.find({ status: { $in: ['draft', 'archived'] } }, { sort: { _id: 1 } })), ['a', 'd']);
        assert.deepEqual(ids(await notes.find({ kind: 'post', status: { $ne: 'live' } }, { sort: { _id: 1 } })), ['a', 'd']);
      });

      it('sorts and limits', async () => {
        assert.deepEqual(ids(await (await seeded()).find({}, { sort: { score: -1 }, limit: 2 })), ['a', 'd']);
      });

      it('counts matching documents', async () => {
        assert.equal(await (await seeded()).count({ status: 'live' }), 2);
      });
    });

    it('treats a missing field as null, as MongoDB does', async () => {
      const notes = await store.collection<Note>('nulls');
      await notes.insertOne({ _id: 'owned', owner: 'U1' });
      await notes.insertOne({ _id: 'released', owner: null });
      await notes.insertOne({ _id: 'never' });
      assert.deepEqual(ids(await notes.find({ owner: null }, { sort: { _id: 1 } })), ['never', 'released']);
      assert.deepEqual(ids(await notes.find({ owner: { $ne: null } })), ['owned']);
      assert.equal(await notes.count({ owner: { $in: [null, 'U1'] } }), 3);
    });

    it('refuses a write from a stale version (compare-and-set)', async () => {
      const plans = await store.collection<Plan>('cas');
      await plans.insertOne({ _id: 'plan', version: 1, writer: 'author' });
      const first = await plans.updateOne({ _id: 'plan', version: 1 }, { version: 2, writer: 'first' });
      const stale = await plans.updateOne({ _id: 'plan', version: 1 }, { version: 2, writer: 'second' });
      assert.deepEqual([first, stale], [{ matched: true, upserted: false }, { matched: false, upserted: false }]);
      assert.deepEqual(await plans.findOne({ _id: 'plan' }), { _id: 'plan', version: 2, writer: 'first' });
    });

    it('lets exactly one of 20 concurrent writers win each version', async () => {
      const plans = await store.collection<Plan>('cas_race');
      await plans.insertOne({ _id: 'plan', version: 0, writer: 'author' });
      const winners: number[] = [];
      for (let version = 0; version < 5; version += 1) {
        const writers = Array.from({ length: 20 }, (_, i) =>
          plans.updateOne({ _id: 'plan', version }, { version: version + 1, writer: `w${i}` }),
        );
        const results = await Promise.all(writers);
        winners.push(results.filter((result) => result.matched).length);
      }
      assert.deepEqual(winners, [1, 1, 1, 1, 1]);
      assert.equal((await plans.findOne({ _id: 'plan' }))?.version, 5);
    });

    it('gives 50 concurrent increments of a missing counter the values 1 to 50', async () => {
      const counters = await store.collection<BaseDocument & { n: number }>('counters');
      const values = await Promise.all(Array.from({ length: 50 }, () => counters.increment('weekly', 'n')));
      assert.deepEqual(
        values.sort((a, b) => a - b),
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      assert.equal((await counters.findOne({ _id: 'weekly' }))?.n, 50);
      assert.equal(await counters.increment('weekly', 'n', 5), 55);
    });

    it('upserts: creates from the filter, set and setOnInsert, then only updates', async () => {
      const plans = await store.collection<Plan>('upserts');
      const created = await plans.updateOne(
        { _id: 'p1', team: 'T1' },
        { version: 1, writer: 'first' },
        { upsert: true, setOnInsert: { createdAt: day(1) } },
      );
      const updated = await plans.updateOne(
        { _id: 'p1' },
        { version: 2, writer: 'second' },
        { upsert: true, setOnInsert: { createdAt: day(9) } },
      );
      assert.deepEqual([created, updated], [{ matched: false, upserted: true }, { matched: true, upserted: false }]);
      const expected = { _id: 'p1', team: 'T1', version: 2, writer: 'second', createdAt: day(1) };
      assert.deepEqual(await plans.findOne({ _id: 'p1' }), expected);
    });

    it('creates a missing document from setOnInsert alone and leaves an existing one as it is', async () => {
      const plans = await store.collection<Plan>('create_once');
      const first = await plans.updateOne({ _id: 'lock' }, {}, { upsert: true, setOnInsert: { version: 1, writer: 'w1' } });
      const again = await plans.updateOne({ _id: 'lock' }, {}, { upsert: true, setOnInsert: { version: 1, writer: 'w2' } });
      assert.deepEqual([first, again], [{ matched: false, upserted: true }, { matched: true, upserted: false }]);
      assert.deepEqual(await plans.find({}), [{ _id: 'lock', version: 1, writer: 'w1' }]);
    });

    it('writes nothing when an upsert meets its _id at another version', async () => {
      const plans = await store.collection<Plan>('upsert_stale');
      await plans.insertOne({ _id: 'p1', version: 3, writer: 'current' });
      const result = await plans.updateOne({ _id: 'p1', version: 2 }, { version: 3, writer: 'stale' }, { upsert: true });
      assert.deepEqual(result, { matched: false, upserted: false });
      assert.deepEqual(await plans.find({}), [{ _id: 'p1', version: 3, writer: 'current' }]);
    });

    it('keeps one document when upserts of one _id race', async () => {
      const plans = await store.collection<Plan>('upsert_race');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          plans.updateOne({ _id: 'lock' }, { writer: `w${i}` }, { upsert: true, setOnInsert: { version: 1 } }),
        ),
      );
      assert.equal(results.filter((result) => result.upserted).length, 1);
      assert.equal(await plans.count({}), 1);
    });

    it('deletes every matching document', async () => {
      const notes = await store.collection<Note>('deletes');
      for (const note of [{ _id: 'a', kind: 'old' }, { _id: 'b', kind: 'old' }, { _id: 'c', kind: 'new' }]) {
        await notes.insertOne(note);
      }
      assert.equal(await notes.deleteMany({ kind: 'old' }), 2);
      assert.deepEqual(await notes.find({}), [{ _id: 'c', kind: 'new' }]);
    });

    it('applies a TTL index', async () => {
      const ttl = { field: 'at', expireAfterSeconds: 60 };
      await store.collection('receipts', [ttl]);
      await adapter.assertTtl(store, 'receipts', ttl);
    });

    it('keeps everything across a restart', async () => {
      const indexes = [{ field: 'at', expireAfterSeconds: 3600 }];
      const now = new Date();
      const first = await adapter.open();
      const notes = await first.collection<Note>('restart', indexes);
      await notes.insertOne({ _id: 'kept', at: now, nested: { tags: ['x'] } });
      await notes.insertOne({ _id: 'changed', kind: 'draft' });
      await notes.insertOne({ _id: 'deleted' });
      await notes.updateOne({ _id: 'changed' }, { kind: 'final' });
      await notes.deleteMany({ _id: 'deleted' });
      await notes.increment('counter', 'score', 7);
      await first.close();

      const second = await adapter.open();
      try {
        const reopened = await second.collection<Note>('restart', indexes);
        assert.deepEqual(await reopened.find({}, { sort: { _id: 1 } }), [
          { _id: 'changed', kind: 'final' },
          { _id: 'counter', score: 7 },
          { _id: 'kept', at: now, nested: { tags: ['x'] } },
        ]);
        await adapter.assertTtl(second, 'restart', { field: 'at', expireAfterSeconds: 3600 });
      } finally {
        await second.close();
      }
    });

    it('hands out copies: changing a document in hand does not change the store', async () => {
      const notes = await store.collection<Note>('copies');
      const inserted: Note = { _id: 'n', at: day(2), nested: { tags: ['a'] } };
      await notes.insertOne(inserted);
      inserted.nested?.tags.push('changed after insert');
      const read = await notes.findOne({ _id: 'n' });
      read?.nested?.tags.push('changed after read');
      read?.at?.setTime(0);
      const nested = { tags: ['b'] };
      await notes.updateOne({ _id: 'n' }, { nested });
      nested.tags.push('changed after update');
      assert.deepEqual(await notes.findOne({ _id: 'n' }), { _id: 'n', at: day(2), nested: { tags: ['b'] } });
    });

    it('refuses collection names that could leave the store', async () => {
      for (const name of ['../escape', 'a/b', 'Upper', 'system.indexes', '']) {
        await assert.rejects(store.collection(name), /must match/);
      }
    });

    describe('Slack installations (OAuth mode)', () => {
      const KEY = 'contract-secret-key-0123456789abcdef';
      const at = new Date(Date.UTC(2026, 10, 2, 9));
      const installations = async (secretKey = KEY) =>
        new SlackInstallations({ repo: await Installations.open(store), secretKey, clock: { now: () => at }, logger: createLogger('error', () => undefined) });
      const workspace = (teamId: string, token: string, botUserId = `U0BOT${teamId}`) => ({
        team: { id: teamId, name: `Team ${teamId}` },
        enterprise: undefined,
        user: { token: undefined, scopes: undefined, id: 'U0INSTALLR' },
        bot: { token, scopes: ['chat:write', 'commands'], id: `B0${teamId}`, userId: botUserId },
        isEnterpriseInstall: false,
        appId: 'A0OHMYMKT',
      });
      const org = (enterpriseId: string, token: string) => ({
        team: undefined,
        enterprise: { id: enterpriseId, name: 'Grid Org' },
        user: { token: undefined, scopes: undefined, id: 'U0ORGADMIN' },
        bot: { token, scopes: ['chat:write'], id: 'B0ORG', userId: 'U0BOTORG' },
        isEnterpriseInstall: true as const,
      });

      it('stores a workspace installation with its token sealed and gives it back to authorize', async () => {
        const store1 = await installations();
        await store1.storeInstallation(workspace('T0INSTALL1', 'xoxb-contract-token-1'));
        const raw = await store.collection('slack_installations');
        const doc = await raw.findOne({ _id: 'team:T0INSTALL1' });
        assert.ok(doc && !JSON.stringify(doc).includes('xoxb-contract-token-1'), 'the token is stored in clear');
        const fetched = await store1.fetchInstallation({ teamId: 'T0INSTALL1', enterpriseId: undefined, isEnterpriseInstall: false });
        assert.deepEqual(fetched.bot, { token: 'xoxb-contract-token-1', scopes: ['chat:write', 'commands'], id: 'B0T0INSTALL1', userId: 'U0BOTT0INSTALL1' });
        assert.equal(await (await installations()).botTokenForTeam('T0INSTALL1'), 'xoxb-contract-token-1');
      });

      it('replaces an installation on reinstall and refuses to open it under another key', async () => {
        const store1 = await installations();
        await store1.storeInstallation(workspace('T0INSTALL2', 'xoxb-first'));
        await store1.storeInstallation(workspace('T0INSTALL2', 'xoxb-second'));
        assert.equal(await (await installations()).botTokenForTeam('T0INSTALL2'), 'xoxb-second');
        await assert.rejects((await installations('another-key-0123456789abcdef-012345')).botTokenForTeam('T0INSTALL2'), /cannot be decrypted: OHMYMKT_SECRET_KEY differs/);
      });

      it('serves the workspaces of an org-wide install once seen, and forgets them on uninstall', async () => {
        const store1 = await installations();
        await store1.storeInstallation(org('E0CONTRACT', 'xoxb-org-token'));
        await assert.rejects(store1.botTokenForTeam('T0ORGMEMBR'), /not installed in Slack workspace T0ORGMEMBR/);
        const fetched = await store1.fetchInstallation({ teamId: 'T0ORGMEMBR', enterpriseId: 'E0CONTRACT', isEnterpriseInstall: true });
        assert.equal(fetched.bot?.token, 'xoxb-org-token');
        assert.equal(await (await installations()).botTokenForTeam('T0ORGMEMBR'), 'xoxb-org-token');
        // A workspace leaving is not the organization uninstalling.
        assert.equal(await store1.uninstall({ teamId: 'T0ORGMEMBR', enterpriseId: 'E0CONTRACT', isEnterpriseInstall: false }, 'app_uninstalled'), false);
        assert.equal(await store1.uninstall({ teamId: 'T0ORGMEMBR', enterpriseId: 'E0CONTRACT', isEnterpriseInstall: true }, 'app_uninstalled'), true);
        assert.equal(await store1.isInstalled('T0ORGMEMBR'), false);
      });

      it('removes a workspace installation when its bot token is revoked, not for another bot', async () => {
        const store1 = await installations();
        await store1.storeInstallation(workspace('T0INSTALL3', 'xoxb-third'));
        const source = { teamId: 'T0INSTALL3', isEnterpriseInstall: false };
        assert.equal(await store1.revokeBots(source, ['U0SOMEBODY']), false);
        assert.equal(await store1.revokeBots(source, ['U0BOTT0INSTALL3']), true);
        await assert.rejects(store1.fetchInstallation({ teamId: 'T0INSTALL3', enterpriseId: undefined, isEnterpriseInstall: false }), /not installed/);
      });
    });

    it('answers ping, closes idempotently and refuses calls once closed', async () => {
      const own = await adapter.open();
      const notes = await own.collection<Note>('lifecycle');
      await own.ping();
      await own.close();
      await own.close();
      await assert.rejects(own.ping(), StoreUnavailable);
      await assert.rejects(notes.findOne({ _id: 'x' }), StoreUnavailable);
    });
  });
}
