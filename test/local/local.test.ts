// `npm run local` driven as a person would through piped stdin: the real app, no Slack, no Claude key,
// a fresh data directory; and a second session on that directory still knows what the first stored.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEADLINE_MS = 20_000;

class LocalSession {
  private output = '';
  /** Where the next wait starts reading, so each one waits for output that follows the last. */
  private cursor = 0;
  private readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(dataDir: string) {
    // No Claude and no MongoDB, whatever the machine running the tests has set.
    const { ANTHROPIC_API_KEY: _key, ANTHROPIC_BASE_URL: _url, MONGODB_URI: _mongo, ...env } = process.env;
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/local/main.ts'], { cwd: ROOT, env: { ...env, OHMYMKT_DATA_DIR: dataDir, OHMYMKT_ENV_FILE: '' } });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Reads the output until `pattern` matches after the last match, or fails at the deadline with what was printed. */
  async waitFor(pattern: RegExp): Promise<RegExpExecArray> {
    const deadline = Date.now() + DEADLINE_MS;
    for (;;) {
      const match = pattern.exec(this.output.slice(this.cursor));
      if (match) {
        this.cursor += match.index + match[0].length;
        return match;
      }
      if (Date.now() > deadline || this.child.exitCode !== null) {
        assert.fail(`no ${pattern} within ${DEADLINE_MS} ms; the session printed:\n${this.output.slice(this.cursor)}`);
      }
      await new Promise((tick) => setTimeout(tick, 50));
    }
  }

  /** Everything printed from the last match up to the next one of `pattern`. */
  async printedUntil(pattern: RegExp): Promise<string> {
    const from = this.cursor;
    await this.waitFor(pattern);
    return this.output.slice(from, this.cursor);
  }

  /** Ctrl-D. */
  endInput(): void {
    this.child.stdin.end();
  }

  async exitCode(): Promise<number | null> {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running:\n${this.output}`)), DEADLINE_MS).unref());
    return Promise.race([this.exited, timeout]);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

describe('npm run local', () => {
  let dataDir: string;
  const sessions: LocalSession[] = [];
  const open = () => {
    const session = new LocalSession(dataDir);
    sessions.push(session);
    return session;
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-local-'));
  });

  after(async () => {
    for (const session of sessions) session.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('a terminal channel on the real app, whose state outlives the session', async () => {
    const first = open();
    await first.waitFor(/Claude: off/);

    first.send('@ohmymkt plan a webinar series for Q3');
    await first.waitFor(/#1 you\n\s+@ohmymkt plan a webinar series for Q3/);
    const route = await first.printedUntil(/\[\d+\] Cancel run/);
    assert.match(route, /↳ #1 ohmymkt\n\s+Route: planned — /);
    const cancel = /\[(\d+)\] Cancel run/.exec(route)?.[1];
    // The run's progress as a plan with its task statuses, and the mark on the request turning to ❌.
    const plan = await first.printedUntil(/○ Closing report \(pending\)/);
    assert.match(plan, /Stopped by an error\n\s+✖ Frame the request \(error\)\n\s+Agents need Claude[^\n]*\n\s+○ Clarify the requirements \(pending\)/);
    await first.waitFor(/ohmymkt reacted ❌/);
    await first.waitFor(/ohmymkt took off 👀/);
    await first.waitFor(/Agents need Claude\. Set `ANTHROPIC_API_KEY`/);

    first.send('/ohmymkt incident open high Checkout is down');
    await first.waitFor(/#2 ohmymkt\n\s+🔴 P0 incident INC-1\n/);
    await first.waitFor(/Checkout is down/);

    first.send('/ohmymkt gates');
    const gates = await first.printedUntil(/Fix a gate with/);
    assert.match(gates, /ohmymkt \(only you\)\n\s+Startup gates/);
    assert.match(gates, /0 of 5 startup gates pass/);
    for (const gate of ['strategy_gate', 'compliance_gate', 'capacity_gate', 'data_gate', 'ownership_gate']) assert.match(gates, new RegExp(`❌ ${gate} · `));

    // App Home in the terminal: the Home tab as Slack would publish it for the local person.
    first.send('home');
    const home = await first.printedUntil(/Your programs \(1\)/);
    assert.match(home, /App Home · ohmymkt/);
    assert.match(home, /Waiting for you \(0\)/);
    assert.match(home, /Your recent runs/);
    assert.match(home, /plan a webinar series for Q3/);

    first.send(`click ${cancel}`);
    await first.waitFor(new RegExp(`\\(you pressed \\[${cancel}\\] Cancel run\\)`));
    await first.waitFor(/↳ #1 ohmymkt\n\s+🛑 Run cancelled by @you\. Nothing further will run in this thread\./);

    first.send('exit');
    await first.waitFor(/Stopped\./);
    assert.equal(await first.exitCode(), 0);

    const second = open();
    await second.waitFor(/Claude: off/);
    second.send('/ohmymkt incident list');
    const incidents = await second.printedUntil(/Open one with/);
    assert.match(incidents, /1 open \(1 P0\)/);
    assert.match(incidents, /INC-1 · open [^\n]* — Checkout is down/);
    // The channel's history came back too: thread 1 and its messages, as Slack would still show them.
    second.send('/thread 1');
    await second.waitFor(/Run cancelled by @you/);
    second.send('> still there?');
    await second.waitFor(/↳ #1 you\n\s+still there\?/);
    second.endInput();
    await second.waitFor(/Stopped\./);
    assert.equal(await second.exitCode(), 0);
  });
});
