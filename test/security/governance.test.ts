// Issue 13 through the door Slack uses: signed requests into the real Bolt app, the fake Slack (with
// users.info admins), the fake Claude and loopback provider APIs. Who may approve, configure, cancel.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { generateImage } from '../../src/services/providers.ts';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { callTool, COMPLETE_REQUIREMENTS, reviewWith, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { fakeOpenAiImages } from '../support/providers/image-apis.ts';
import type { FakeApi } from '../support/providers/fake-api.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { blockAction, newTriggerId, viewSubmission } from '../support/slack-requests.ts';
import { buttonsOf, isPrivate, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const ADMIN = 'U0ADMIN001';
const APPROVER = 'U0APPROVE1';
const SECOND = 'U0APPROVE2';
const STRANGER = 'U0STRANGER';
const KEY = 'sk-proj-governance-canary-000000000001';

describe('security and governance', () => {
  let h: Harness;
  let claude: FakeClaude;
  let openai: FakeApi;
  let attacker: FakeApi;

  beforeEach(async () => {
    openai = await fakeOpenAiImages(KEY);
    attacker = await fakeOpenAiImages('nobody-has-this-key');
    // No OHMYMKT_ADMINS: the only admin is the one Slack's users.info says is one.
    ({ h, claude } = await startScenario(undefined, {
      OHMYMKT_ADMINS: '',
      OHMYMKT_SECRET_KEY: 'a-very-long-test-secret-key-of-40-characters',
      // Both loopback servers are operator-allowed hosts, so the test proves the binding, not the allow-list.
      OHMYMKT_PROVIDER_HOSTS: `openai_images=${openai.origin},openai_images=${attacker.origin}`,
    }));
    h.slack.setPerson(ADMIN, { is_admin: true });
    scriptAgents(claude, {
      'growth-manager': () => say('Objective framed: a launch with a committed budget.'),
      'requirements-analyst': (request) =>
        toolResults(request).length > 0 ? say('Requirements written for PLAN-1.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS }),
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
      'execution-manager': () => say('Sequenced: nothing risky in this test.'),
    });
  });
  afterEach(async () => {
    await stopScenario({ h, claude });
    await openai.close();
    await attacker.close();
  });

  const privateText = (replies: SlackCall[]) => replies.filter(isPrivate).map(shownText).join('\n');
  const publicText = (replies: SlackCall[]) => replies.filter((call) => call.method === 'chat.postMessage').map(shownText).join('\n');
  const approvers = async () => (await h.app.services.repos.programs.load(program)).state.approvers;

  test("a stranger's self-add is refused privately; Slack's admin adds the first approver, with a public audit line", async () => {
    const selfAdd = await h.command(`approvers add <@${STRANGER}|stranger>`, { user: STRANGER });
    assert.match(privateText(selfAdd.replies), /only a workspace admin may add the first approver of a channel/);
    assert.equal(publicText(selfAdd.replies), '', 'a refusal is private');
    assert.deepEqual(await approvers(), []);

    const added = await h.command(`approvers add <@${APPROVER}|ana>`, { user: ADMIN });
    assert.match(publicText(added.replies), new RegExp(`<@${ADMIN}> added <@${APPROVER}> as an approver`));
    assert.deepEqual(await approvers(), [APPROVER]);
    assert.ok(h.slack.callsOf('users.info').every((call) => typeof call.args['user'] === 'string'), 'users.info is asked with its required user');
  });

  test('approvers add and remove each other; the last approver goes only by an admin; strangers change nothing', async () => {
    await h.command(`approvers add <@${APPROVER}>`, { user: ADMIN });
    await h.command(`approvers add <@${SECOND}>`, { user: APPROVER });
    assert.deepEqual(await approvers(), [APPROVER, SECOND]);
    assert.match(privateText((await h.command(`approvers remove <@${SECOND}>`, { user: STRANGER })).replies), /only an approver of this channel .* or a workspace admin may add or remove approvers/);
    await h.command(`approvers remove <@${SECOND}>`, { user: APPROVER });
    assert.match(privateText((await h.command(`approvers remove <@${APPROVER}>`, { user: APPROVER })).replies), /only a workspace admin may remove a channel's last approver/);
    assert.deepEqual(await approvers(), [APPROVER]);
    await h.command(`approvers remove <@${APPROVER}>`, { user: ADMIN });
    assert.deepEqual(await approvers(), []);
  });

  test('gates set, incident resolve and the policy are refused to a member and leave an audit line when an approver does them', async () => {
    await h.command(`approvers add <@${APPROVER}>`, { user: ADMIN });
    const refused = await h.command('gates set compliance_gate.accepted_by_all=true', { user: STRANGER });
    assert.match(privateText(refused.replies), /only an approver of this channel .* or a workspace admin may set gates/);
    assert.equal((await h.app.services.repos.programs.load(program)).state.gates.compliance_gate?.accepted_by_all, false);

    const done = await h.command('gates set compliance_gate.accepted_by_all=true', { user: APPROVER });
    assert.match(publicText(done.replies), new RegExp(`:memo: <@${APPROVER}> set compliance_gate.accepted_by_all → true`));

    await h.command('incident open low Blog RSS is stale', { user: STRANGER });
    assert.match(privateText((await h.command('incident resolve INC-1', { user: STRANGER })).replies), /may resolve incidents/);
    assert.match(privateText((await h.command('policy four-eyes off', { user: STRANGER })).replies), /may change the channel's policy/);
    assert.match(privateText((await h.command('provider', { user: STRANGER })).replies), /may change provider settings/);
    assert.equal(h.slack.callsOf('views.open').length, 0, 'no settings form for a member');
    assert.match(publicText((await h.command('policy four-eyes off', { user: APPROVER })).replies), /turned four-eyes off/);
    assert.equal((await h.app.services.repos.programs.load(program)).state.fourEyes, false);
  });

  async function planPosted(threadTs: string): Promise<SlackCall> {
    await h.mention('<@U0OHMYBOT> plan our Q1 launch with a $40,000 budget', { ts: threadTs });
    const plan = h.slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === threadTs && buttonsOf(c).some((b) => b.action_id === 'ohmymkt:plan:approve'));
    assert.ok(plan, 'the plan was not posted');
    return plan;
  }

  async function click(call: SlackCall, actionId: string, userId: string, threadTs: string) {
    const button = buttonsOf(call).find((b) => b.action_id === actionId);
    assert.ok(button, `no ${actionId} button`);
    await h.post(blockAction({ actionId, value: button.value, userId, channelId: CHANNEL, messageTs: String(call.response['ts']), threadTs, triggerId: newTriggerId() }));
  }

  test('four-eyes: the requester alone cannot approve a high-impact plan while another approver exists; the card says whose approval it needs', async () => {
    await h.command(`approvers add <@${APPROVER}>`, { user: ADMIN });
    const threadTs = freshTs();
    const plan = await planPosted(threadTs);
    assert.match(shownText(plan), new RegExp(`Needs approval from an approver other than <@${PERSON}> \\(four-eyes on high impact\\): <@${APPROVER}>`));

    await click(plan, 'ohmymkt:plan:approve', PERSON, threadTs);
    const refusal = h.slack.callsOf('chat.postEphemeral').at(-1);
    assert.equal(refusal?.args['user'], PERSON);
    assert.match(shownText(refusal as SlackCall), /needs the approval of another approver of this channel \(four-eyes/);
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'awaiting_approval');

    await click(plan, 'ohmymkt:plan:approve', APPROVER, threadTs);
    assert.notEqual((await h.app.services.repos.runs.get(program, threadTs))?.state, 'awaiting_approval');
    const stored = await h.app.services.repos.plans.get(program, 'PLAN-1', 1);
    assert.equal(stored?.value.decision?.by, APPROVER);
  });

  test("a stranger's Cancel is refused privately and the run goes on; the requester's is not", async () => {
    const threadTs = freshTs();
    const plan = await planPosted(threadTs);
    const route = h.slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === threadTs && buttonsOf(c).some((b) => b.action_id === 'ohmymkt:run:cancel'));
    assert.ok(route && plan);
    await click(route, 'ohmymkt:run:cancel', STRANGER, threadTs);
    const refusal = h.slack.callsOf('chat.postEphemeral').at(-1);
    assert.equal(refusal?.args['user'], STRANGER);
    assert.match(shownText(refusal as SlackCall), /only the person who asked or an approver of this channel .* may cancel this run/);
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'awaiting_approval');
    await click(route, 'ohmymkt:run:cancel', PERSON, threadTs);
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'cancelled');
  });

  async function submitProvider(userId: string, values: Record<string, string>): Promise<SlackCall[]> {
    const before = h.slack.calls.length;
    const response = await h.post(
      viewSubmission({
        callbackId: 'ohmymkt:provider:config',
        privateMetadata: JSON.stringify({ program, providerId: 'openai_images' }),
        values: Object.fromEntries(Object.entries(values).map(([field, value]) => [`field:${field}`, { value: { type: 'plain_text_input', value } }])),
        userId,
        viewId: 'V0PROVIDER1',
      }),
    );
    assert.equal(response.status, 200);
    return [{ method: 'view_ack', args: (response.json ?? {}) as Record<string, unknown>, token: undefined, status: response.status, response: {} }, ...h.slack.calls.slice(before)];
  }

  test('a host change without the secret is refused, and the stored key never leaves for the new host', async () => {
    await h.command(`approvers add <@${APPROVER}>`, { user: ADMIN });
    const [memberAck] = await submitProvider(STRANGER, { apiKey: 'sk-proj-stranger-000000000000', baseUrl: `${attacker.origin}/v1` });
    assert.match(JSON.stringify(memberAck?.args), /may change provider settings/);

    const saved = await submitProvider(APPROVER, { apiKey: KEY, baseUrl: `${openai.origin}/v1` });
    assert.match(publicText(saved), new RegExp(`<@${APPROVER}> changed the OpenAI Images provider settings`));

    const [moved] = await submitProvider(APPROVER, { apiKey: '', baseUrl: `${attacker.origin}/v1` });
    assert.match(JSON.stringify(moved?.args), /Enter the API key again: the host or account changed/);
    const [outside] = await submitProvider(APPROVER, { apiKey: KEY, baseUrl: 'https://collector.example.net/v1' });
    assert.match(JSON.stringify(outside?.args), /allowed host .*OHMYMKT_PROVIDER_HOSTS/);

    // Even a stored config moved behind the app's back (a direct write) does not take the key along.
    const config = await h.app.services.repos.providerConfigs.get(program, 'openai_images');
    assert.ok(config);
    await h.app.services.repos.providerConfigs.put(program, { ...config, settings: { ...config.settings, baseUrl: `${attacker.origin}/v1` } });
    const refused = await generateImage(h.app.services, program, { prompt: 'A lighthouse', aspect: '1:1' }, 'openai_images');
    assert.equal(refused.ok, false);
    assert.equal(attacker.requests.length, 0, 'the attacker host received nothing');
    await h.app.services.repos.providerConfigs.put(program, config);
    assert.equal((await generateImage(h.app.services, program, { prompt: 'A lighthouse', aspect: '1:1' }, 'openai_images')).ok, true);
    assert.equal(openai.requests.length, 1);
  });
});
