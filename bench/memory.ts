// Resident memory after 10k events against idle. Measured in a child process started with
// --expose-gc, so the other bench sections' heap does not count and GC runs before each reading.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET, startHarness } from '../test/support/app-harness.ts';
import { eventCallback, postToSlackApp, threadMessage } from '../test/support/slack-requests.ts';
import { forcedGc, withConcurrency } from './stats.ts';

export interface MemoryFigures {
  events: number;
  idleMb: number;
  afterMb: number;
  ratio: number;
  gcExposed: boolean;
}

const WARM_UP_EVENTS = 500;
const IN_FLIGHT = 16;

async function measureHere(events: number): Promise<MemoryFigures> {
  const { gc, exposed } = forcedGc();
  const h = await startHarness();
  const send = () =>
    postToSlackApp(h.url, SIGNING_SECRET, eventCallback({ event: threadMessage({ channel: CHANNEL, user: PERSON, text: 'thanks, looks right', ts: freshTs(), threadTs: freshTs() }) }));
  const settledRss = async () => {
    await h.settle();
    for (let i = 0; i < 3; i += 1) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return process.memoryUsage().rss / 2 ** 20;
  };
  try {
    // Idle means started and warmed: code loaded, pools open, every collection touched once.
    await withConcurrency(WARM_UP_EVENTS, IN_FLIGHT, send);
    const idleMb = await settledRss();
    await withConcurrency(events, IN_FLIGHT, send);
    const afterMb = await settledRss();
    return { events, idleMb, afterMb, ratio: afterMb / idleMb, gcExposed: exposed };
  } finally {
    await h.stop();
  }
}

/** Runs this file in a fresh node with --expose-gc and returns what it measured. */
export function residentMemory(events: number): Promise<MemoryFigures> {
  return new Promise((resolve, reject) => {
    const args = ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), String(events)];
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`memory bench failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as MemoryFigures);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await measureHere(Number(process.argv[2] ?? 10_000)))}\n`);
}
