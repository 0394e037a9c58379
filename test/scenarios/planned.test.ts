// The canonical planned path end to end: mention → route → analyst → reviewer → plan with Approve /
// Reject → Reject with a reason → revised version re-reviewed → Approve → execution with a specialist
// → closing report. Real Bolt over signed HTTP, fake Slack, fake Claude through the real SDK.
// Each test starts its own app and store and replays the steps before the one it checks, so any test
// runs alone (`--test-name-pattern`) and a failure does not cascade. The path runs on the default
// seo-aeo program and on a demand-gen one, which must never be shown an SEO word.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { agentOf, callTool, lastUserText, say, scriptAgents, toolResults, reviewWith } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { scenarioStores } from '../support/scenario-stores.ts';
import { assertOwnWords, escapeRegExp, scenarioPlaybooks } from '../support/scenario-playbooks.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { blockAction, newTriggerId, viewSubmission } from '../support/slack-requests.ts';
import { buttonsOf, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

for (const backing of scenarioStores()) for (const playbook of scenarioPlaybooks()) describe(`planned run on a ${playbook.name} program on the ${backing.name}`, { skip: backing.skip }, () => {
  let h: Harness;
  let claude: FakeClaude;
  let shownFrom = 0;
  const threadTs = freshTs();
  const { words, requirements } = playbook;

  beforeEach(async () => {
    ({ h, claude } = await startScenario(backing));
    await playbook.choose(h);
    shownFrom = h.slack.calls.length;
    scriptAgents(claude, {
      'growth-manager': () => say(words.plannedFrame),
      'requirements-analyst': (request, call) => {
        if (toolResults(request).length > 0) return say(call < 2 ? 'Requirements written for PLAN-1.' : 'Revised: acceptance criteria now name the CRM report.');
        const revised = call >= 2 ? { acceptance_criteria: [playbook.revisedCriterion] } : {};
        return callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: { ...requirements, ...revised } });
      },
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
      'execution-manager': (request) => {
        const results = toolResults(request);
        if (results.length === 0) return callTool('delegate', { agent: 'research-agent', task: words.researchTask });
        return say(`Sequenced: research first. Research said: ${results[0]?.content.slice(0, 60)}`);
      },
      'research-agent': () => say(words.researchBrief),
    });
  });
  afterEach(async () => {
    try {
      assertOwnWords(playbook, h.slack.calls.slice(shownFrom));
    } finally {
      await stopScenario({ h, claude }, backing);
    }
  });

  const threadPosts = () => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs);
  const planPosts = () => threadPosts().filter((c) => buttonsOf(c).some((b) => b.action_id === 'ohmymkt:plan:approve'));

  async function click(call: SlackCall, actionId: string, userId = PERSON) {
    const button = buttonsOf(call).find((b) => b.action_id === actionId);
    assert.ok(button, `no ${actionId} button`);
    return h.post(blockAction({ actionId, value: button.value, userId, channelId: CHANNEL, messageTs: String(call.response['ts']), threadTs, triggerId: newTriggerId() }));
  }

  /** The mention that starts the run; resolves with the v1 plan post. */
  async function planPosted(): Promise<SlackCall> {
    await h.mention(`<@U0OHMYBOT> ${words.plannedRequest}`, { ts: threadTs });
    const [planPost] = planPosts();
    assert.ok(planPost, 'the plan was not posted for approval');
    return planPost;
  }

  /** Reject on v1 with a reason in the modal; resolves with the modal as opened. */
  async function rejected(planPost: SlackCall): Promise<SlackCall> {
    await click(planPost, 'ohmymkt:plan:reject');
    const opened = h.slack.callsOf('views.open').at(-1);
    assert.ok(opened, 'the reject modal did not open');
    const view = opened.args['view'] as { callback_id: string; private_metadata: string };
    await h.post(
      viewSubmission({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { reason: { reason_input: { type: 'plain_text_input', value: 'Acceptance criteria must name the CRM report.' } } },
        userId: PERSON,
        viewId: String((opened.response['view'] as { id: string }).id),
      }),
    );
    return opened;
  }

  test('a mention routes to planned, the analyst and reviewer run, and the plan is posted with Approve / Reject', async () => {
    const response = await h.mention(`<@U0OHMYBOT> ${words.plannedRequest}`, { ts: threadTs });
    assert.equal(response.status, 200);
    const [route] = threadPosts();
    assert.ok(route, 'no reply in the thread');
    assert.match(shownText(route), /Route: planned — commits a \$50,000 budget/);
    assert.ok(h.slack.callsOf('reactions.add').some((c) => c.args['timestamp'] === threadTs), 'a visible sign of work on the mention');
    const [planPost] = planPosts();
    assert.ok(planPost, 'the plan was not posted for approval');
    assert.match(shownText(planPost), /PLAN-1 v1/);
    const run = await h.app.services.repos.runs.get(program, threadTs);
    assert.equal(run?.state, 'awaiting_approval');
  });

  test('someone who is not an approver is refused privately and nothing changes', async () => {
    const planPost = await planPosted();
    await click(planPost, 'ohmymkt:plan:approve', 'U0STRANGER');
    const refusal = h.slack.callsOf('chat.postEphemeral').at(-1);
    assert.equal(refusal?.args['user'], 'U0STRANGER');
    assert.match(shownText(refusal as SlackCall), /only the person who asked or an approver/);
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'awaiting_approval');
  });

  test('Reject opens a modal; its reason sends the plan back, and a re-reviewed v2 is posted', async () => {
    const planPost = await planPosted();
    await rejected(planPost);
    const posts = planPosts();
    assert.equal(posts.length, 2);
    assert.match(shownText(posts[1] as SlackCall), /PLAN-1 v2/);
    // v2's card says what its requirements changed since v1, field by field.
    const [dropped] = requirements.acceptance_criteria;
    assert.match(shownText(posts[1] as SlackCall), new RegExp(`Changed since v1\\*\\n• Acceptance criteria: \\+ ${escapeRegExp(playbook.revisedCriterion)}; − ${escapeRegExp(dropped ?? '')}`));
    const updated = h.slack.callsOf('chat.update').find((c) => c.args['ts'] === planPost.response['ts']);
    assert.match(shownText(updated as SlackCall), /Rejected by <@U0PERSON01>/);
    const v1 = await h.app.services.repos.plans.get(program, 'PLAN-1', 1);
    assert.equal(v1?.value.decision?.status, 'rejected');
    assert.equal(v1?.value.decision?.reason, 'Acceptance criteria must name the CRM report.');
  });

  test('a click on the outdated v1 changes nothing', async () => {
    const v1Post = await planPosted();
    await rejected(v1Post);
    await click(v1Post, 'ohmymkt:plan:approve');
    assert.match(shownText(h.slack.callsOf('chat.postEphemeral').at(-1) as SlackCall), /not waiting for a decision/);
    assert.equal((await h.app.services.repos.plans.get(program, 'PLAN-1', 2))?.value.status, 'in_review');
  });

  test('Approve on v2 runs execution with a specialist and posts the closing report; a second click changes nothing', async () => {
    await rejected(await planPosted());
    const v2Post = planPosts()[1];
    assert.ok(v2Post, 'no v2 plan posted');
    await click(v2Post, 'ohmymkt:plan:approve');
    const run = await h.app.services.repos.runs.get(program, threadTs);
    assert.equal(run?.state, 'done');
    assert.equal((await h.app.services.repos.plans.get(program, 'PLAN-1', 2))?.value.status, 'approved');
    const texts = threadPosts().map(shownText).join('\n---\n');
    assert.match(texts, /Competitor brief/);
    assert.match(texts, /Closing report/);
    const updated = h.slack.callsOf('chat.update').find((c) => c.args['ts'] === v2Post.response['ts']);
    assert.match(shownText(updated as SlackCall), /Approved by <@U0PERSON01>/);
    const managerCalls = claude.requests.filter((r) => agentOf(r.body) === 'growth-manager');
    assert.deepEqual(managerCalls.map((r) => /^(FRAME|CLOSE)/.exec(lastUserText(r.body))?.[1]), ['FRAME', 'CLOSE'], 'growth-manager opens and closes the run');
    const ownPart = (body: Record<string, any>) => String(body['system'][1].text);
    assert.ok(managerCalls.every((r) => /\*Delegation\* — not in this step/.test(ownPart(r.body))), 'the phases hand work on, not a delegate call');
    const transcript = (await h.app.services.repos.transcript.list(program)).map((e) => e.entry);
    const delegated = transcript.find((e) => e.agent === 'execution-manager' && e.role === 'tool_results');
    assert.match(JSON.stringify(delegated?.content), /Competitor brief/, 'every tool result is stored with the run');
    const before = h.slack.callsOf('chat.update').length;
    await click(v2Post, 'ohmymkt:plan:approve');
    assert.equal(h.slack.callsOf('chat.update').length, before);
  });
});
