// `npm test` timed as a whole command, as a developer or CI runs it: each run a child process from start to
// exit. Informative only (min and median); a shared machine's load moves it more than any change does.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile } from './stats.ts';

export interface TestTimeFigures {
  runs: number;
  minSeconds: number;
  medianSeconds: number;
  seconds: number[];
  /** Each run's exit code: a failing suite still says how long it took, and shows here. */
  exitCodes: Array<number | string>;
}

const REPO = fileURLToPath(new URL('..', import.meta.url));

function timeOnce(): Promise<{ seconds: number; code: number | string }> {
  const began = performance.now();
  const child = spawn('npm', ['test'], { cwd: REPO, stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ seconds: (performance.now() - began) / 1000, code: code ?? signal ?? 'unknown' }));
  });
}

export async function testWallTime(runs: number): Promise<TestTimeFigures> {
  const seconds: number[] = [];
  const exitCodes: Array<number | string> = [];
  // One after another: runs side by side would measure the machine's contention, not the suite.
  for (let i = 0; i < runs; i += 1) {
    const { seconds: s, code } = await timeOnce();
    seconds.push(s);
    exitCodes.push(code);
  }
  return { runs, minSeconds: Math.min(...seconds), medianSeconds: percentile(seconds, 50), seconds, exitCodes };
}

// `tsx bench/test-time.ts [runs]` measures this row alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await testWallTime(Number(process.argv[2] ?? 3)), null, 2));
}
