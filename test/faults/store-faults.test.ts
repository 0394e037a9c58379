// MongoDB failing under the app: unreachable at start (a clear refusal without credentials), gone
// while running (/readyz says 503), and connections cut mid-run (the run goes on or fails with Retry,
// and nothing stored is lost). The last two need the jongodb binary and are skipped without it.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openMongoStore } from '../../src/store/mongo/store.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import { CHANNEL, freshTs, PERSON, startHarness, type Harness } from '../support/app-harness.ts';
import { agentOf, say } from '../support/claude-scripts.ts';
import { startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';
import { startFakeSlack, type SlackCall } from '../support/fake-slack.ts';
import { findJongodb, startJongodb, type Jongodb } from '../support/jongodb.ts';
import { blockAction } from '../support/slack-requests.ts';
import { shownText } from '../support/slack-text.ts';
import { childEnv, freePort, spawnApp } from '../support/child-app.ts';
import { startCutProxy, type CutProxy } from './cut-proxy.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const jongodb = findJongodb();
const retryValue = (call: SlackCall) =>
  (call.args['blocks'] as Array<{ elements?: Array<{ action_id?: string; value?: string }> }> | undefined)
    ?.flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'ohmymkt:run:retry')?.value;
const skip = 'binary' in jongodb ? undefined : `no MongoDB server to fail: ${jongodb.missing}`;
const CLAUDE_ENV = (claude: FakeClaude) => ({ ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: claude.baseUrl });

describe('store unreachable at start', () => {
  test('the process exits 1 naming the host to check, without the credentials of the URI', async () => {
    const slack = await startFakeSlack();
    const dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-nostore-'));
    try {
      const closed = await freePort();
      // Server selection would otherwise wait the driver's default 30 s before giving up.
      const uri = `mongodb://ohmymkt:s3cret-Passw0rd@127.0.0.1:${closed}/ohmymkt?serverSelectionTimeoutMS=300`;
      const child = await spawnApp(childEnv(slack.apiUrl, dataDir, 0, { MONGODB_URI: uri }));
      assert.equal(await child.exited, 1);
      const output = child.output.join('\n');
      assert.match(output, new RegExp(`ohmymkt failed to start: Cannot connect to MongoDB at mongodb://127\\.0\\.0\\.1:${closed}`));
      assert.match(output, /Check that the server is running and reachable/);
      assert.doesNotMatch(output, /s3cret-Passw0rd|ohmymkt:s3cret/);
      assert.doesNotMatch(output, /"event":"started"/);
      assert.equal(output.match(/"event":"store_unreachable"/g)?.length, 2, 'two more tries before giving up');
    } finally {
      await slack.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('store gone while the app runs', { skip }, () => {
  let server: Jongodb;
  let store: DocumentStore;
  let h: Harness;
  before(async () => {
    server = await startJongodb((jongodb as { binary: string }).binary);
    store = await openMongoStore(server.uri, { serverSelectionTimeoutMS: 300 });
    h = await startHarness({ store });
  });
  after(async () => {
    await h.stop();
    await store.close();
    server.stop();
  });

  test('/readyz answers 503 once the store stops answering, while /healthz and the process stay up', async () => {
    const base = h.url.replace('/slack/events', '');
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    server.stop();
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 503);
    assert.deepEqual({ ...((await ready.json()) as object), reason: undefined }, { ok: false, store: 'unreachable', reason: undefined });
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const { ack, replies } = await h.command('status');
    assert.equal(ack.status, 200, 'Slack is still acked, so it does not retry into a dead store');
    const told = replies.find((call) => call.method === 'response_url');
    assert.match(told ? shownText(told) : '', /`\/ohmymkt status` did not complete/, 'the person is told privately, not left waiting');
  });
});

describe('store connections cut mid-run', { skip }, () => {
  let server: Jongodb;
  let proxy: CutProxy;
  let store: DocumentStore;
  let claude: FakeClaude;
  let h: Harness;
  let cutDuringExecution = false;
  let outage: Promise<void> = Promise.resolve();
  let current = new Date();

  before(async () => {
    server = await startJongodb((jongodb as { binary: string }).binary);
    const target = new URL(server.uri);
    proxy = await startCutProxy({ host: target.hostname, port: Number(target.port) });
    store = await openMongoStore(`mongodb://127.0.0.1:${proxy.port}/ohmymkt`, { serverSelectionTimeoutMS: 10_000 });
    claude = await startFakeClaude();
    claude.setResponder((request) => {
      const agent = agentOf(request);
      if (agent === 'growth-manager') return say('Brief ready.');
      if (agent !== 'execution-manager') return undefined;
      if (cutDuringExecution) {
        cutDuringExecution = false;
        // The store vanishes while the agent thinks and is back a moment later, on the same port.
        outage = proxy.cut().then(() => new Promise<void>((resolve) => setTimeout(() => resolve(proxy.restore()), 300)));
      }
      return say('Executed: the webinar landing page is drafted.');
    });
    h = await startHarness({ store, clock: { now: () => current }, env: CLAUDE_ENV(claude) });
  });
  after(async () => {
    await h.stop();
    await store.close();
    await claude.close();
    await proxy.close();
    server.stop();
  });

  test('nothing stored is lost: the run completes, fails with Retry, or resumes at the next start past its lease', async () => {
    const ts = freshTs();
    cutDuringExecution = true;
    await h.mention('<@U0OHMYBOT> ulw draft the webinar landing page', { ts });
    await outage;
    await h.settle();
    let run = await h.app.services.repos.runs.get(program, ts);
    assert.ok(run, 'the run is still stored');
    if (run.state === 'executing') {
      // Its failure could not be written either; the lease of this (live) process runs out first.
      current = new Date(current.getTime() + 6 * 60_000);
      await h.restart();
      await h.settle();
    } else if (run.state === 'failed') {
      const failed = h.slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === ts && retryValue(c) !== undefined);
      assert.ok(failed, 'the failure offers Retry');
      await h.post(blockAction({ actionId: 'ohmymkt:run:retry', value: retryValue(failed) as string, userId: PERSON, channelId: CHANNEL, messageTs: String(failed.response['ts']), threadTs: ts }));
    }
    run = await h.app.services.repos.runs.get(program, ts);
    assert.equal(run?.state, 'done');
    const landed = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === ts).map(shownText);
    assert.equal(landed.filter((t) => /Route:/.test(t)).length, 1);
    assert.equal(landed.filter((t) => /Closing report/.test(t)).length, 1);
    const transcript = (await h.app.services.repos.transcript.list(program)).filter((e) => e.entry.runId.endsWith(ts));
    assert.ok(transcript.some((e) => e.entry.agent === 'growth-manager'), 'turns stored before the cut are still there');
    assert.ok(transcript.some((e) => e.entry.agent === 'execution-manager'));
  });
});
