// Resident memory of the app started on an embedded store holding N runs, against the same start on an
// empty store. Each stored run is one planned run as the app wrote it (bench/fixtures/stored-run.jsonl:
// the run, its plan, lease, audit lines, agent calls, transcript and step journal, taken from the
// datafiles of a run up to its plan review), copied into N channels. The copies are written straight
// into the datafiles in the store's own format, which is what a store that ran N such runs holds after
// compaction. Each reading is taken in a fresh node with --expose-gc, after collecting.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startHarness } from '../test/support/app-harness.ts';
import { forcedGc } from './stats.ts';

export interface StoredRunsFigures {
  runs: number;
  documents: number;
  storeMb: number;
  emptyMb: number;
  loadedMb: number;
  ratio: number;
  /** Seconds from start to ready on the loaded store (its datafiles are read once at start). */
  startSeconds: number;
  gcExposed: boolean;
}

const FixtureLine = z.object({ collection: z.string().regex(/^[a-z_]+$/), line: z.string().startsWith('{"_id"') });
/** The channel the fixture run was stored under; every copy gets its own channel of the same length. */
const FIXTURE_CHANNEL = 'C0BENCH0000';
const channelOf = (i: number) => `C${String(i).padStart(FIXTURE_CHANNEL.length - 1, '0')}`;

async function fixture(): Promise<Array<z.infer<typeof FixtureLine>>> {
  const text = await readFile(new URL('./fixtures/stored-run.jsonl', import.meta.url), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => FixtureLine.parse(JSON.parse(line)));
}

/** Writes `runs` copies of the fixture run into `dir`; documents not scoped to its channel are written once. */
async function fillStore(dir: string, runs: number): Promise<number> {
  const byCollection = new Map<string, Array<z.infer<typeof FixtureLine>>>();
  for (const entry of await fixture()) byCollection.set(entry.collection, [...(byCollection.get(entry.collection) ?? []), entry]);
  let documents = 0;
  for (const [collection, entries] of byCollection) {
    const out = createWriteStream(join(dir, `${collection}.db`));
    const write = (text: string) => (out.write(text) ? undefined : new Promise<void>((resolve) => out.once('drain', () => resolve())));
    const scoped = entries.filter((entry) => entry.line.includes(FIXTURE_CHANNEL)).map((entry) => entry.line);
    for (const entry of entries) if (!entry.line.includes(FIXTURE_CHANNEL)) await write(`${entry.line}\n`);
    documents += entries.length - scoped.length;
    for (let i = 0; i < runs; i += 1) {
      await write(scoped.map((line) => `${line.replaceAll(FIXTURE_CHANNEL, channelOf(i))}\n`).join(''));
    }
    documents += scoped.length * runs;
    await new Promise((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve(undefined))));
  }
  return documents;
}

async function sizeMb(dir: string): Promise<number> {
  const sizes = await Promise.all((await readdir(dir)).map(async (name) => (await stat(join(dir, name))).size));
  return sizes.reduce((a, b) => a + b, 0) / 2 ** 20;
}

/** In the child: starts the app on `dir`, lets it settle, collects, reads RSS. */
async function measureHere(dir: string): Promise<{ rssMb: number; startSeconds: number; gcExposed: boolean }> {
  const { gc, exposed } = forcedGc();
  const began = performance.now();
  const h = await startHarness({ dataDir: dir });
  const startSeconds = (performance.now() - began) / 1000;
  try {
    await h.settle();
    for (let i = 0; i < 3; i += 1) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { rssMb: process.memoryUsage().rss / 2 ** 20, startSeconds, gcExposed: exposed };
  } finally {
    await h.stop();
  }
}

function measureInChild(dir: string): Promise<{ rssMb: number; startSeconds: number; gcExposed: boolean }> {
  return new Promise((resolve, reject) => {
    const args = ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), dir];
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`stored-runs bench failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { rssMb: number; startSeconds: number; gcExposed: boolean });
    });
  });
}

export async function storedRunsMemory(runs: number): Promise<StoredRunsFigures> {
  const empty = await mkdtemp(join(tmpdir(), 'ohmymkt-bench-empty-'));
  const loaded = await mkdtemp(join(tmpdir(), 'ohmymkt-bench-runs-'));
  try {
    const documents = await fillStore(loaded, runs);
    const storeMb = await sizeMb(loaded);
    const before = await measureInChild(empty);
    const after = await measureInChild(loaded);
    return {
      runs,
      documents,
      storeMb,
      emptyMb: before.rssMb,
      loadedMb: after.rssMb,
      ratio: after.rssMb / before.rssMb,
      startSeconds: after.startSeconds,
      gcExposed: before.gcExposed && after.gcExposed,
    };
  } finally {
    await rm(empty, { recursive: true, force: true });
    await rm(loaded, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [arg] = process.argv.slice(2);
  // With a directory: one reading in this process (the child's job). With a count: the whole figure.
  const result = arg !== undefined && Number.isNaN(Number(arg)) ? await measureHere(arg) : await storedRunsMemory(Number(arg ?? 10_000));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
