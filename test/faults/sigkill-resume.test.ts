// The process is killed (SIGKILL, no shutdown) while an agent works a run; a new process on the same
// data directory resumes the run from the store once the dead process's lease has run out (a short
// one here; nothing guesses from hosts or pids whether its holder still lives).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
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
import { shownText } from '../support/slack-text.ts';
import { childEnv, spawnApp, type ChildApp } from '../support/child-app.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const isPlanPost = (call: SlackCall) => JSON.stringify(call.args['blocks'] ?? []).includes('ohmymkt:plan:approve');

describe('SIGKILL mid-run', () => {
  let slack: FakeSlack;
  let claude: FakeClaude;
  let dataDir: string;
  let env: Record<string, string>;
  let child: ChildApp | undefined;
  let analystCalls = 0;

  before(async () => {
    slack = await startFakeSlack();
    claude = await startFakeClaude();
    dataDir = await mkdtemp(join(tmpdir(), 'ohmymkt-sigkill-'));
    env = childEnv(slack.apiUrl, dataDir, 0, {
      ANTHROPIC_API_KEY: 'sk-ant-test-key',
      ANTHROPIC_BASE_URL: claude.baseUrl,
      OHMYMKT_LEASE_SECONDS: '3',
    });
    scriptAgents(claude, {
      'growth-manager': () => say('Objective framed.'),
      'requirements-analyst': (request) => {
        analystCalls += 1;
        // The first process dies while the analyst is thinking: the answer goes to a dead socket.
        if (analystCalls === 1) child?.process.kill('SIGKILL');
        return toolResults(request).length > 0 ? say('Written.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS });
      },
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
    });
  });
  after(async () => {
    await child?.kill('SIGKILL');
    await slack.close();
    await claude.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('a new process on the same data directory resumes the run to its plan, posting nothing twice', async () => {
    const threadTs = freshTs();
    child = await spawnApp(env);
    const event = eventCallback({ event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> plan our Q1 launch with a $50,000 budget', ts: threadTs }) });
    assert.equal((await postToSlackApp(`${child.origin}/slack/events`, SIGNING_SECRET, event)).status, 200);
    assert.equal(await child.exited, 'SIGKILL');
    assert.equal(slack.calls.filter(isPlanPost).length, 0, 'the first process died before the plan');

    child = await spawnApp(env);
    const plan = await slack.waitFor((call) => isPlanPost(call) && call.args['thread_ts'] === threadTs, { timeoutMs: 30_000 });
    assert.match(shownText(plan), /PLAN-1 v1/);
    assert.equal(await child.kill('SIGTERM'), 0, child.output.join('\n'));

    const inThread = slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs);
    assert.equal(inThread.filter((c) => /Route:/.test(shownText(c))).length, 1, 'the route is announced once');
    assert.equal(inThread.filter(isPlanPost).length, 1);
    const store = await openEmbeddedStore(dataDir);
    try {
      const repos = await openRepositories(store);
      const run = await repos.runs.get(program, threadTs);
      assert.equal(run?.state, 'awaiting_approval');
      assert.equal(await repos.runLeases.holder(`${program.teamId}:${program.channelId}:${threadTs}`, new Date()), undefined, 'waiting for a person holds no lease');
    } finally {
      await store.close();
    }
  });
});
