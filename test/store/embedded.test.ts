// What only the embedded store has to get right, beyond the shared contract: its own files. A torn
// last record (power cut, full disk) is dropped at start; damage elsewhere stops the start naming file
// and line; a write that failed on disk is not visible afterwards; one process per data directory.
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, rm, rmdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import { LOCK_FILE } from '../../src/store/embedded/lock.ts';
import { StoreUnavailable } from '../../src/store/port.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { childEnv, freePort, spawnApp } from '../support/child-app.ts';

type Note = { _id: string; text?: string };

for (const [adapter, options] of [
  ['documents on disk', {}],
  ['documents in memory (nedb)', { allInMemory: true }],
] as const) {
describe(`the embedded store's datafiles, ${adapter}`, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-embedded-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function writeNotes(...texts: string[]): Promise<void> {
    const store = await openEmbeddedStore(dir, options);
    const notes = await store.collection<Note>('notes');
    for (const [i, text] of texts.entries()) await notes.insertOne({ _id: `n${i + 1}`, text });
    await store.close();
  }

  test('a torn last record is dropped and logged; every whole record before it is kept', async () => {
    await writeNotes('first', 'second');
    await appendFile(join(dir, 'notes.db'), '{"_id":"n3","text":"cut sh');
    const logged: Array<[string, Record<string, unknown>]> = [];
    const store = await openEmbeddedStore(dir, { ...options, log: (event, fields) => logged.push([event, fields]) });
    try {
      const notes = await store.collection<Note>('notes');
      assert.deepEqual((await notes.find({}, { sort: { _id: 1 } })).map((n) => n.text), ['first', 'second']);
      assert.deepEqual(logged, [['embedded_torn_record_dropped', { file: join(dir, 'notes.db'), bytes: 26 }]]);
      await notes.insertOne({ _id: 'n3', text: 'written again' });
      assert.equal((await notes.findOne({ _id: 'n3' }))?.text, 'written again');
    } finally {
      await store.close();
    }
  });

  test('a damaged line before the last stops the start, naming the file and the line', async () => {
    await writeNotes('first', 'second', 'third');
    const file = join(dir, 'notes.db');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = '{"_id":"n2","text":"sec#@!';
    await writeFile(file, lines.join('\n'));
    const store = await openEmbeddedStore(dir, options);
    try {
      await assert.rejects(store.collection('notes'), (error: Error) => {
        assert.match(error.message, new RegExp(`${file.replace(/[/.]/g, '\\$&')} is damaged at line 2`));
        assert.match(error.message, /restore the file from a backup/);
        return true;
      });
    } finally {
      await store.close();
    }
  });

  test('a write the disk refused is not visible afterwards, also once the disk is back', async () => {
    const store = await openEmbeddedStore(dir, options);
    try {
      const notes = await store.collection<Note>('notes');
      await notes.insertOne({ _id: 'kept', text: 'before' });
      const file = join(dir, 'notes.db');
      const saved = await readFile(file);
      // The datafile turns into a directory: every append and every repair fails as on a dead disk.
      await rm(file);
      await mkdir(file);
      await assert.rejects(notes.insertOne({ _id: 'lost', text: 'never stored' }), StoreUnavailable);
      await assert.rejects(notes.updateOne({ _id: 'kept' }, { text: 'changed' }), StoreUnavailable);
      await assert.rejects(notes.findOne({ _id: 'lost' }), StoreUnavailable, 'no read while memory may be ahead of the disk');
      await rmdir(file);
      await writeFile(file, saved);
      assert.equal(await notes.findOne({ _id: 'lost' }), null);
      assert.deepEqual(await notes.find({}), [{ _id: 'kept', text: 'before' }]);
    } finally {
      await store.close();
    }
  });
});
}

describe('the embedded store on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-embedded-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test('a data directory opens in either adapter, with what the other wrote', async () => {
    const at = new Date(Date.UTC(2026, 0, 2));
    const onDisk = await openEmbeddedStore(dir);
    const written = await onDisk.collection<Note & { at?: Date }>('notes', [{ field: 'at' }]);
    await written.insertOne({ _id: 'a', text: 'from disk', at });
    await written.insertOne({ _id: 'b', text: 'deleted' });
    await written.deleteMany({ _id: 'b' });
    await onDisk.close();
    const inMemory = await openEmbeddedStore(dir, { allInMemory: true });
    const read = await inMemory.collection<Note & { at?: Date }>('notes', [{ field: 'at' }]);
    assert.deepEqual(await read.find({}), [{ _id: 'a', text: 'from disk', at }]);
    await read.updateOne({ _id: 'a' }, { text: 'from nedb' });
    await inMemory.close();
    const again = await openEmbeddedStore(dir);
    assert.deepEqual(await (await again.collection<Note>('notes', [{ field: 'at' }])).find({ at }), [{ _id: 'a', text: 'from nedb', at }]);
    await again.close();
  });

  test('once old versions outweigh the documents, the file is rewritten with one line per document', async () => {
    const store = await openEmbeddedStore(dir);
    const notes = await store.collection<Note>('notes');
    await notes.insertOne({ _id: 'kept', text: 'v0' });
    for (let version = 1; version <= 5; version += 1) await notes.updateOne({ _id: 'kept' }, { text: `v${version}` });
    await notes.insertOne({ _id: 'gone', text: 'x' });
    await notes.deleteMany({ _id: 'gone' });
    await store.close();
    const lines = async () => (await readFile(join(dir, 'notes.db'), 'utf8')).split('\n').filter(Boolean);
    assert.equal((await lines()).length, 8);
    const reopened = await openEmbeddedStore(dir);
    try {
      await reopened.collection('notes');
      assert.deepEqual(await lines(), ['{"_id":"kept","text":"v5"}']);
    } finally {
      await reopened.close();
    }
  });

  test('a lock left by a dead process is taken over at once; one from elsewhere only once it stops being touched', async () => {
    const lockFile = join(dir, LOCK_FILE);
    const first = await openEmbeddedStore(dir);
    const ours = JSON.parse(await readFile(lockFile, 'utf8')) as Record<string, unknown>;
    await first.close();
    // Same host and pid namespace, but that pid no longer runs (the crashed process before a restart).
    await writeFile(lockFile, JSON.stringify({ ...ours, pid: 2 ** 22 + 7 }));
    await (await openEmbeddedStore(dir)).close();

    const elsewhere = JSON.stringify({ pid: 1, host: 'another-container', namespace: 'another', started: '1' });
    await writeFile(lockFile, elsewhere);
    await assert.rejects(openEmbeddedStore(dir), /is in use by process 1 on another-container/);
    const minutesAgo = new Date(Date.now() - 2 * 60_000);
    await utimes(lockFile, minutesAgo, minutesAgo);
    await (await openEmbeddedStore(dir)).close();
  });

  test('a second process on the same data directory is refused with a message saying what to do', async () => {
    const slack = await startFakeSlack();
    const store = await openEmbeddedStore(dir);
    try {
      const child = await spawnApp(childEnv(slack.apiUrl, dir, await freePort()));
      assert.equal(await child.exited, 1);
      const output = child.output.join('\n');
      assert.match(output, new RegExp(`ohmymkt failed to start: The embedded store in ${dir} is in use by process ${process.pid}`));
      assert.match(output, /only one ohmymkt process may use a data directory/);
      assert.match(output, /give this one its own OHMYMKT_DATA_DIR/);
    } finally {
      await store.close();
      await slack.close();
    }
  });
});
