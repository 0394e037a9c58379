// Runs the storage contract on every adapter: the embedded store always; MongoDB at MONGODB_URI when
// set, otherwise on a jongodb server started here, or skipped with the reason when neither exists.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import type { DocumentStore, IndexSpec } from '../../src/store/port.ts';
import { StoreUnavailable } from '../../src/store/port.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import { openMongoStore } from '../../src/store/mongo/store.ts';
import { openStore } from '../../src/store/open.ts';
import { findJongodb, startJongodb } from '../support/jongodb.ts';
import type { Jongodb } from '../support/jongodb.ts';
import { storeContract } from './contract.ts';

/** The embedded adapters show a TTL by what they return: a document past it is gone. */
async function expiredIsGone(store: DocumentStore, name: string, { field, expireAfterSeconds }: Required<IndexSpec>): Promise<void> {
  const receipts = await store.collection(name, [{ field, expireAfterSeconds }]);
  const now = Date.now();
  await receipts.insertOne({ _id: 'expired', [field]: new Date(now - 2 * expireAfterSeconds * 1000) });
  await receipts.insertOne({ _id: 'fresh', [field]: new Date(now) });
  assert.deepEqual((await receipts.find({ _id: { $in: ['expired', 'fresh'] } })).map((doc) => doc._id), ['fresh']);
  await receipts.deleteMany({ _id: 'fresh' });
}

for (const [name, options] of [
  ['embedded store (documents on disk; nedb for TTL collections)', {}],
  ['embedded store (every collection in nedb, in memory)', { allInMemory: true }],
] as const) {
  let dataDir = '';
  storeContract({
    name,
    async setup() {
      dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-store-'));
    },
    async teardown() {
      await rm(dataDir, { recursive: true, force: true });
    },
    open: () => openEmbeddedStore(dataDir, options),
    assertTtl: expiredIsGone,
  });
}

const envUri = process.env.MONGODB_URI;
const jongodb = findJongodb();
const dbName = `ohmymkt_test_${process.pid}_${Date.now().toString(36)}`;
let server: Jongodb | undefined;
let mongoUri = '';
let inspector: MongoClient;
storeContract({
  name: envUri ? 'mongo store (MONGODB_URI)' : 'mongo store (jongodb)',
  skip: envUri || 'binary' in jongodb ? undefined : `no MongoDB to test against: ${jongodb.missing}`,
  async setup() {
    if (envUri) mongoUri = envUri;
    else if ('binary' in jongodb) mongoUri = (server = await startJongodb(jongodb.binary)).uri;
    inspector = await new MongoClient(mongoUri).connect();
  },
  async teardown() {
    // jongodb has no dropDatabase; its data ends with the process anyway.
    await inspector?.db(dbName).dropDatabase().catch(() => undefined);
    await inspector?.close();
    server?.stop();
  },
  open: () => openMongoStore(mongoUri, { dbName }),
  async assertTtl(_store, name, { field, expireAfterSeconds }) {
    const indexes = await inspector.db(dbName).collection(name).listIndexes().toArray();
    const index = indexes.find((candidate) => candidate.key?.[field] === 1);
    assert.equal(index?.expireAfterSeconds, expireAfterSeconds);
  },
});

describe('opening a store', () => {
  it('reports an unreachable MongoDB as StoreUnavailable, naming the host but not the credentials', async () => {
    const opening = openMongoStore('mongodb://alice:s3cret-pw@127.0.0.1:1/app', { serverSelectionTimeoutMS: 300 });
    await assert.rejects(opening, (err: unknown) => {
      assert.ok(err instanceof StoreUnavailable);
      assert.match(err.message, /127\.0\.0\.1:1/);
      assert.doesNotMatch(inspect(err, { depth: 8 }), /s3cret-pw/);
      return true;
    });
  });

  it('opens MongoDB when a URI is configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ohmymkt-open-'));
    try {
      // Unreachable on purpose: a StoreUnavailable naming the host shows the Mongo adapter was chosen.
      const opening = openStore({ mongodbUri: 'mongodb://127.0.0.1:1/app?serverSelectionTimeoutMS=300', dataDir: dir });
      await assert.rejects(opening, (err: unknown) => {
        assert.ok(err instanceof StoreUnavailable);
        assert.match(err.message, /MongoDB at mongodb:\/\/127\.0\.0\.1:1/);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens the embedded store in the data directory when no URI is configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ohmymkt-open-'));
    let store: DocumentStore | undefined;
    try {
      store = await openStore({ dataDir: join(dir, 'nested', 'data') });
      assert.equal(store.kind, 'embedded');
      await store.ping();
    } finally {
      await store?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
