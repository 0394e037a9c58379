// A step killed (SIGKILL) after a tool ran and before the step finished: the next process replays the
// step's journaled turns and tool answers instead of asking and acting again, so the tool's effect (an
// incident here) exists once, and the model is shown the very conversation it had before.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { open as openIncident } from '../../src/services/incidents.ts';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import { openRepositories } from '../../src/store/repos/index.ts';
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET } from '../support/app-harness.ts';
import { callTool, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import { startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { appMention, eventCallback, postToSlackApp } from '../support/slack-requests.ts';
import { shownText } from '../support/slack-text.ts';
import { childEnv, spawnApp, type ChildApp } from '../support/child-app.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

describe('SIGKILL between a tool and the end of its step', () => {
  let slack: FakeSlack;
  let claude: FakeClaude;
  let dataDir: string;
  let env: Record<string, string>;
  let child: ChildApp | undefined;
  let afterTool = 0;

  before(async () => {
    slack = await startFakeSlack();
    claude = await startFakeClaude();
    dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-once-'));
    env = childEnv(slack.apiUrl, dataDir, 0, {
      ANTHROPIC_API_KEY: 'sk-ant-test-key',
      ANTHROPIC_BASE_URL: claude.baseUrl,
      OHMYMKT_LEASE_SECONDS: '3',
    });
    scriptAgents(claude, {
      'growth-manager': () => say('Brief: the checkout errors need an incident and a fix plan.'),
      'execution-manager': (request) => {
        if (toolResults(request).length === 0) return callTool('ohmymkt_incident', { action: 'open', severity: 'low', summary: 'Checkout form errors on Safari' });
        afterTool += 1;
        // The incident is stored and journaled; the process dies before the step can finish.
        if (afterTool === 1) child?.process.kill('SIGKILL');
        return say('Incident opened; the fix is sequenced.');
      },
    });
  });
  after(async () => {
    await child?.kill('SIGKILL');
    await slack.close();
    await claude.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('after the restart the incident exists once and the step goes on from where it was', async () => {
    const threadTs = freshTs();
    child = await spawnApp(env);
    const event = eventCallback({ event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> ulw open an incident for the checkout errors', ts: threadTs }) });
    assert.equal((await postToSlackApp(`${child.origin}/slack/events`, SIGNING_SECRET, event)).status, 200);
    assert.equal(await child.exited, 'SIGKILL');
    const useRequests = () => claude.requests.filter((r) => toolResults(r.body).length > 0);
    const [beforeCrash] = useRequests();
    assert.ok(beforeCrash, 'the tool ran before the crash');

    child = await spawnApp(env);
    await slack.waitFor((call) => call.args['thread_ts'] === threadTs && /Closing report/.test(shownText(call)), { timeoutMs: 30_000 });
    assert.equal(await child.kill('SIGTERM'), 0, child.output.join('\n'));

    // The model was asked once for the tool call: the restart replayed it and its answer.
    const toolCalls = claude.requests.filter((r) => r.body['messages'].length === 1 && /Sequence and delegate/.test(JSON.stringify(r.body['messages'])));
    assert.equal(toolCalls.length, 1, 'the first turn of the step was replayed, not asked again');
    const afterRestart = useRequests().at(-1);
    assert.deepEqual(afterRestart?.body['messages'], beforeCrash.body['messages'], 'the same conversation, thinking blocks included');

    const store = await openEmbeddedStore(dataDir);
    try {
      const repos = await openRepositories(store);
      assert.deepEqual((await repos.incidents.list(program)).map((i) => i.summary), ['Checkout form errors on Safari']);
      assert.equal((await repos.runs.get(program, threadTs))?.state, 'done');
    } finally {
      await store.close();
    }
  });
});

describe('an effect keyed by its tool call', () => {
  test('opening the same incident for the same call twice stores it once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ohmymkt-effect-'));
    const store = await openEmbeddedStore(dir);
    try {
      const deps = { repos: await openRepositories(store), clock: { now: () => new Date('2026-11-29T10:00:00Z') } };
      const actor = { userId: PERSON, surface: 'agent' as const, agent: 'execution-manager', runId: 'R1' };
      const request = { severity: 'low' as const, summary: 'Checkout errors', effectKey: 'R1:toolu_1' };
      const first = await openIncident(deps, program, actor, request);
      const again = await openIncident(deps, program, actor, request);
      assert.ok(first.ok && again.ok);
      assert.equal(again.value.id, first.value.id);
      assert.equal((await deps.repos.incidents.list(program)).length, 1);
      const other = await openIncident(deps, program, actor, { ...request, effectKey: 'R1:toolu_2' });
      assert.ok(other.ok && other.value.id !== first.value.id);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
