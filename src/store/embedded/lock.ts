// Keeps a second process off an embedded data directory: two nedb processes appending to the same
// datafiles would each overwrite the other's writes at their next compaction.
//
// The lock file names its holder: pid, host, and an identity for the process that a recycled pid
// cannot fake (on Linux the kernel's boot id, pid namespace and the process's start tick). A holder in
// our own pid namespace is alive only while that pid runs with that start tick, so a lock left by a
// crash (including our own predecessor as pid 1 in a restarted container) is taken over at once.
// A holder elsewhere (another container or host sharing the directory) cannot be checked that way, so
// it counts as alive while it keeps touching the file, and as gone after STALE_MS without a touch.
import { readFileSync, readlinkSync } from 'node:fs';
import { open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { StoreUnavailable } from '../port.ts';

export const LOCK_FILE = 'ohmymkt.lock';
const HEARTBEAT_MS = 10_000;
const STALE_MS = 60_000;

const HolderSchema = z.object({ pid: z.number().int(), host: z.string(), namespace: z.string(), started: z.string() });
type Holder = z.infer<typeof HolderSchema>;

const readOr = (read: () => string, fallback: string): string => {
  try {
    return read().trim();
  } catch {
    return fallback;
  }
};

/** When `pid` started, in clock ticks since boot (field 22 of /proc/<pid>/stat); '' where unknown. */
function startTick(pid: number): string {
  const stat = readOr(() => readFileSync(`/proc/${pid}/stat`, 'utf8'), '');
  // The command name (field 2) may hold spaces and parentheses, so count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? '';
}

function currentHolder(): Holder {
  const boot = readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'), 'no-boot-id');
  const pidNamespace = readOr(() => readlinkSync('/proc/self/ns/pid'), 'no-pid-namespace');
  return { pid: process.pid, host: hostname(), namespace: `${boot}/${pidNamespace}`, started: startTick(process.pid) };
}

function parseHolder(text: string): Holder | undefined {
  try {
    const parsed = HolderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid runs under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the recorded holder still works on the directory. */
function holderAlive(holder: Holder, touchedMsAgo: number, self: Holder): boolean {
  if (holder.namespace === self.namespace && holder.host === self.host) {
    if (!pidRuns(holder.pid)) return false;
    // Without /proc, a running pid is all there is to go on.
    return holder.started === '' || startTick(holder.pid) === holder.started;
  }
  return touchedMsAgo < STALE_MS;
}

export interface DirectoryLock {
  release(): Promise<void>;
}

// One lock per directory per process: tests and tools may open a directory's store more than once in
// one process, which is one holder as far as other processes are concerned.
const held = new Map<string, { count: number; release: () => Promise<void> }>();

async function createLock(file: string, self: Holder): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(JSON.stringify(self));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function refusal(dir: string, file: string, holder: Holder | undefined): StoreUnavailable {
  const who = holder ? `process ${holder.pid} on ${holder.host}` : 'another process';
  return new StoreUnavailable(
    `The embedded store in ${dir} is in use by ${who}: only one ohmymkt process may use a data directory. ` +
      'Stop that process, or give this one its own OHMYMKT_DATA_DIR (several replicas need MONGODB_URI). ' +
      `If no such process runs, delete ${file}.`,
  );
}

/** Takes the directory's lock, taking over a stale one; refuses with a message naming the holder. */
export async function lockDirectory(dir: string): Promise<DirectoryLock> {
  const file = join(dir, LOCK_FILE);
  const already = held.get(file);
  if (already) {
    already.count += 1;
    return { release: already.release };
  }
  const self = currentHolder();
  if (!(await createLock(file, self))) {
    const [text, info] = await Promise.all([readFile(file, 'utf8').catch(() => ''), stat(file).catch(() => undefined)]);
    const holder = parseHolder(text);
    // An unreadable lock is one torn by a crash while being written: stale once it is old enough.
    const age = info ? Date.now() - info.mtimeMs : Infinity;
    if (holder ? holderAlive(holder, age, self) : age < STALE_MS) throw refusal(dir, file, holder);
    // Move the stale lock aside rather than deleting it, so of two processes taking it over at once
    // only one succeeds (the other's rename finds nothing), then create ours as usual.
    const aside = `${file}.stale-${process.pid}`;
    try {
      await rename(file, aside);
      await unlink(aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (!(await createLock(file, self))) throw refusal(dir, file, undefined);
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const entry = {
    count: 1,
    release: async () => {
      entry.count -= 1;
      if (entry.count > 0) return;
      held.delete(file);
      clearInterval(heartbeat);
      await unlink(file).catch(() => undefined);
    },
  };
  held.set(file, entry);
  return { release: entry.release };
}
