// Stopping while an agent works: the first SIGTERM starts a drain, a second one is ignored, and at
// the drain deadline the run is handed back (its lease released) so the next start resumes it at once.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import { openRepositories } from '../../src/store/repos/index.ts';
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET } from '../support/app-harness.ts';
import { callTool, COMPLETE_REQUIREMENTS, say, scriptAgents, toolResults, reviewWith } from '../support/claude-scripts.ts';
import { startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../support/fake-slack.ts';
import { appMention, eventCallback, postToSlackApp } from '../support/slack-requests.ts';
import { childEnv, spawnApp, type ChildApp } from '../support/child-app.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const DRAIN_SECONDS = 2;
const isPlanPost = (call: SlackCall) => JSON.stringify(call.args['blocks'] ?? []).includes('ohmymkt:plan:approve');

/** A TCP pass-through to Claude that, while holding, accepts connections and never answers: a stalled model. */
interface HoldProxy {
  port: number;
  held: number;
  release(): void;
  close(): Promise<void>;
}

async function startHoldProxy(targetPort: number): Promise<HoldProxy> {
  const sockets = new Set<Socket>();
  let holding = true;
  const proxy = { port: 0, held: 0, release: () => (holding = false), close: async () => undefined } as HoldProxy;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (holding) {
      proxy.held += 1;
      socket.on('data', () => undefined);
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as { port: number }).port;
  proxy.close = () => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SIGTERM while an agent works', () => {
  let slack: FakeSlack;
  let claude: FakeClaude;
  let proxy: HoldProxy;
  let dataDir: string;
  let env: Record<string, string>;
  let child: ChildApp | undefined;

  before(async () => {
    slack = await startFakeSlack();
    claude = await startFakeClaude();
    proxy = await startHoldProxy(Number(new URL(claude.baseUrl).port));
    dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-drain-'));
    env = childEnv(slack.apiUrl, dataDir, 0, {
      ANTHROPIC_API_KEY: 'sk-ant-test-key',
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${proxy.port}`,
      OHMYMKT_DRAIN_SECONDS: String(DRAIN_SECONDS),
    });
    scriptAgents(claude, {
      'growth-manager': () => say('Objective framed.'),
      'requirements-analyst': (request) =>
        toolResults(request).length > 0 ? say('Written.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS }),
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
    });
  });
  after(async () => {
    await child?.kill('SIGKILL');
    await proxy.close();
    await slack.close();
    await claude.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('two SIGTERMs exit 0 by the drain deadline, and the next start resumes the run to its plan', async () => {
    const threadTs = freshTs();
    child = await spawnApp(env);
    const event = eventCallback({ event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> plan our Q1 launch with a $50,000 budget', ts: threadTs }) });
    assert.equal((await postToSlackApp(`${child.origin}/slack/events`, SIGNING_SECRET, event)).status, 200);
    await until(() => proxy.held > 0, 'the run to call Claude');

    const stopping = Date.now();
    child.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.process.kill('SIGTERM');
    const code = await child.exited;
    const seconds = (Date.now() - stopping) / 1000;
    const output = child.output.join('\n');
    assert.equal(code, 0, output);
    // The deadline plus what closing the store takes; a process that waited for Claude would take minutes.
    assert.ok(seconds < DRAIN_SECONDS + 3, `exited after ${seconds} s`);
    assert.match(output, /"event":"signal_ignored_while_draining","signal":"SIGTERM"/);
    assert.match(output, /"event":"drain_deadline".*"handedBack":1/);
    assert.equal(slack.calls.filter(isPlanPost).length, 0, 'the first process stopped before the plan');

    proxy.release();
    child = await spawnApp(env);
    await slack.waitFor((call) => isPlanPost(call) && call.args['thread_ts'] === threadTs, { timeoutMs: 30_000 });
    assert.equal(await child.kill('SIGTERM'), 0, child.output.join('\n'));
    const store = await openEmbeddedStore(dataDir);
    try {
      const run = await (await openRepositories(store)).runs.get(program, threadTs);
      assert.equal(run?.state, 'awaiting_approval');
    } finally {
      await store.close();
    }
  });
});
