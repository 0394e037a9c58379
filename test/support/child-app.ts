// Runs `src/main.ts` as a separate process, as production does, so a fault test can kill it for real
// (SIGKILL) or watch it refuse to start. The fakes it talks to live in the test process.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SIGNING_SECRET } from './app-harness.ts';
export { freePort } from './http.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildApp {
  process: ChildProcess;
  /** `http://127.0.0.1:<port>` of the child's HTTP receiver. */
  origin: string;
  /** Every line the child wrote to stdout or stderr so far. */
  output: string[];
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): Promise<number | string>;
}

/**
 * The environment a test deployment needs, pointed at loopback fakes; `extra` overrides it. Port 0
 * lets the child take a free port itself (spawnApp reads it from the start log), so no other test
 * process can take it between a test choosing it and the child listening on it.
 */
export function childEnv(slackApiUrl: string, dataDir: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    OHMYMKT_ENV_FILE: '', // a developer's ./.env (real tokens) never reaches a test's app
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    PORT: String(port),
    OHMYMKT_DATA_DIR: dataDir,
    OHMYMKT_LOG_LEVEL: 'info',
    ...extra,
  };
}

/**
 * Spawns the app (or another `entry` that logs `"event":"started"` when it listens); resolves once it
 * did, or with the exit when it stopped before that.
 */
export async function spawnApp(env: Record<string, string>, entry = 'src/main.ts'): Promise<ChildApp> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  let port = env['PORT'];
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const started = new Promise<void>((resolve) => {
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        output.push(line);
        if (line.includes('"event":"started"')) {
          port = /"port":(\d+)/.exec(line)?.[1] ?? port;
          resolve();
        }
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
  });
  await Promise.race([started, exited]);
  return {
    process: child,
    origin: `http://127.0.0.1:${port}`,
    output,
    exited,
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
