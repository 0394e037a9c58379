// Outcomes and next steps on the cards (issue 15 item 7): an approved plan whose gates pass offers Start
// campaign, which runs the campaign service as the clicker (approvers and admins), says the outcome in
// the thread and leaves a public audit line. Real Bolt over signed HTTP, fake Slack, fake Claude.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { passAllGates } from '../support/approved-plan.ts';
import { callTool, COMPLETE_REQUIREMENTS, reviewWith, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { PNG_BYTES, type FakeApi } from '../support/providers/fake-api.ts';
import { fakeOpenAiImages } from '../support/providers/image-apis.ts';
import { fakeLinkedIn, fakeX, type FakePublisher } from '../support/providers/social-apis.ts';
import { setProviderConfig } from '../../src/services/providers.ts';
import { blockAction, newTriggerId, viewSubmission } from '../support/slack-requests.ts';
import { buttonsOf, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const STRANGER = 'U0STRANGER';

describe('Start campaign on an approved plan', () => {
  let h: Harness;
  let claude: FakeClaude;
  const threadTs = freshTs();

  beforeEach(async () => {
    ({ h, claude } = await startScenario());
    scriptAgents(claude, {
      'growth-manager': () => say('Objective framed: more demo requests from organic LinkedIn.'),
      'requirements-analyst': (request) =>
        toolResults(request).length > 0 ? say('Requirements written for PLAN-1.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS }),
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
      // The agent does not start the campaign itself: the card's button is the person's way to.
      'execution-manager': () => say('Sequenced: posts first; the campaign waits for a person to start it.'),
    });
  });
  afterEach(() => stopScenario({ h, claude }));

  const inThread = () => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs);
  const click = (call: SlackCall, actionId: string, userId: string) => {
    const button = buttonsOf(call).find((b) => b.action_id === actionId);
    assert.ok(button, `no ${actionId} button on:\n${shownText(call)}`);
    return h.post(blockAction({ actionId, value: button.value, userId, channelId: CHANNEL, messageTs: String(call.response['ts'] ?? call.args['ts']), threadTs, triggerId: newTriggerId() }));
  };

  async function approved(): Promise<SlackCall> {
    await h.mention('<@U0OHMYBOT> plan more demo requests from organic LinkedIn', { ts: threadTs });
    const card = inThread().find((c) => buttonsOf(c).some((b) => b.action_id === 'ohmymkt:plan:approve'));
    assert.ok(card, inThread().map(shownText).join('\n---\n'));
    await click(card, 'ohmymkt:plan:approve', PERSON);
    const decided = h.slack.callsOf('chat.update').find((c) => c.args['ts'] === card.response['ts']);
    assert.ok(decided, 'the plan card was not shown decided');
    return decided;
  }

  test('with the gates passing, the card offers Start campaign; a stranger is refused, an admin starts it once', async () => {
    await passAllGates(h);
    const decided = await approved();
    assert.match(shownText(decided), /Approved by <@U0PERSON01>[\s\S]*The startup gates pass/);
    assert.deepEqual(buttonsOf(decided).map((b) => b.text.text), [':rocket: Start campaign']);

    await click(decided, 'ohmymkt:campaign:start', STRANGER);
    const refusal = h.slack.callsOf('chat.postEphemeral').filter((c) => c.args['user'] === STRANGER).map(shownText).join('\n');
    assert.match(refusal, /only an approver of this channel \(`\/ohmymkt approvers`\) or a workspace admin may start the campaign/);
    assert.equal((await h.app.services.repos.programs.load(program)).state.execution, undefined);

    await click(decided, 'ohmymkt:campaign:start', PERSON);
    const execution = (await h.app.services.repos.programs.load(program)).state.execution;
    assert.equal(execution?.planId, 'PLAN-1');
    assert.deepEqual(execution?.startedBy, { userId: PERSON, surface: 'action' });
    assert.ok((await h.app.services.repos.sprint.list(program)).length > 0, 'the sprint board is seeded');
    assert.ok(inThread().some((c) => /Campaign started\* from PLAN-1 v1/.test(shownText(c))), inThread().map(shownText).join('\n---\n'));
    const audit = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === undefined && /started the campaign/.test(shownText(c)));
    assert.deepEqual(audit.map(shownText), ['ohmymkt: started the campaign of PLAN-1 v1\n:memo: <@U0PERSON01> started the campaign of PLAN-1 v1']);

    await click(decided, 'ohmymkt:campaign:start', PERSON);
    const refused = inThread().filter((c) => /The campaign was not started/.test(shownText(c)));
    assert.equal(refused.length, 1);
    assert.match(shownText(refused[0] as SlackCall), /already running/);
  });

  test('with a gate failing, the card has no Start campaign and says what stands in the way', async () => {
    const decided = await approved();
    assert.deepEqual(buttonsOf(decided), []);
    assert.match(shownText(decided), /The campaign can start once every startup gate passes: `\/ohmymkt gates`/);
  });
});

describe('Publish on an approved asset', () => {
  const SECRET_KEY = 'a-very-long-test-secret-key-of-40-characters';
  let h: Harness;
  let claude: FakeClaude;
  let openai: FakeApi;
  let x: FakePublisher;
  let linkedin: FakePublisher;
  const threadTs = freshTs();

  beforeEach(async () => {
    openai = await fakeOpenAiImages('sk-test-openai');
    x = await fakeX('x-token');
    linkedin = await fakeLinkedIn('li-token');
    ({ h, claude } = await startScenario(undefined, {
      OHMYMKT_SECRET_KEY: SECRET_KEY,
      OHMYMKT_PROVIDER_HOSTS: `openai_images=${openai.origin},x=${x.origin},linkedin=${linkedin.origin}`,
    }));
    // content-writer generates the launch visual, writes its caption into the notes and puts it up for review.
    const writer = [
      callTool('ohmymkt_generate_image', { prompt: 'A calm dashboard, brand blue', name: 'Launch visual', aspect: '1:1' }),
      callTool('ohmymkt_asset_manifest', { action: 'update', id: 'AST-1', notes: 'We are live: faster reports <!channel>.', status: 'review' }),
      say('AST-1 is waiting for review.'),
    ];
    scriptAgents(claude, {
      'growth-manager': () => say('Brief: the launch visual for social.'),
      'execution-manager': (request) => (toolResults(request).length === 0 ? callTool('delegate', { agent: 'content-writer', task: 'Make the launch visual.' }) : say('Visual in review.')),
      'content-writer': (_request, call) => writer[call] ?? say('done'),
    });
  });
  afterEach(async () => {
    await stopScenario({ h, claude });
    await Promise.all([openai.close(), x.close(), linkedin.close()]);
  });

  const person = { userId: PERSON, surface: 'slash' as const };
  const configure = async (id: string, values: Record<string, string>) => assert.ok((await setProviderConfig(h.app.services, program, person, id, values)).ok);
  const inThread = () => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs);

  async function approvedCard(): Promise<SlackCall> {
    await h.mention('<@U0OHMYBOT> ulw make the launch visual', { ts: threadTs });
    const card = inThread().find((c) => buttonsOf(c).some((b) => b.action_id === 'ohmymkt:asset:approve'));
    assert.ok(card, inThread().map(shownText).join('\n---\n'));
    const approve = buttonsOf(card).find((b) => b.action_id === 'ohmymkt:asset:approve');
    await h.post(blockAction({ actionId: 'ohmymkt:asset:approve', value: String(approve?.value), userId: PERSON, channelId: CHANNEL, messageTs: String(card.response['ts']), threadTs }));
    const decided = h.slack.callsOf('chat.update').find((c) => c.args['ts'] === card.response['ts']);
    assert.ok(decided);
    return decided;
  }

  async function publishTo(card: SlackCall, platform: string, userId = PERSON): Promise<SlackCall | undefined> {
    const button = buttonsOf(card).find((b) => b.action_id === 'ohmymkt:asset:publish');
    assert.ok(button, shownText(card));
    const opened = h.slack.callsOf('views.open').length;
    await h.post(blockAction({ actionId: button.action_id, value: button.value, userId, channelId: CHANNEL, messageTs: String(card.args['ts']), threadTs, triggerId: newTriggerId() }));
    const modal = h.slack.callsOf('views.open').slice(opened)[0];
    if (!modal) return undefined;
    const view = modal.args['view'] as { callback_id: string; private_metadata: string };
    await h.post(
      viewSubmission({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { platform: { platform_select: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: platform }, value: platform } } } },
        userId,
        viewId: String((modal.response['view'] as { id: string }).id),
      }),
    );
    return modal;
  }

  test('the generated image is kept and posted from its bytes; one asset goes to X and then LinkedIn, each publication recorded', async () => {
    await configure('openai_images', { apiKey: 'sk-test-openai', baseUrl: `${openai.origin}/v1` });
    await configure('x', { accessToken: 'x-token', baseUrl: x.origin });
    await configure('linkedin', { accessToken: 'li-token', author: 'urn:li:organization:42', baseUrl: linkedin.origin });
    const card = await approvedCard();
    const kept = await h.app.services.repos.assetMedia.get(program, 'AST-1');
    assert.deepEqual(kept?.bytes, PNG_BYTES, 'the generated bytes are kept');
    assert.match(shownText(card), /It can be published now \(X, LinkedIn\)/);

    const modal = await publishTo(card, 'x', STRANGER);
    assert.equal(modal, undefined, 'a stranger gets no modal');
    assert.match(h.slack.callsOf('chat.postEphemeral').filter((c) => c.args['user'] === STRANGER).map(shownText).join('\n'), /may publish this asset/);

    const shown = await publishTo(card, 'x');
    assert.ok(shown);
    assert.match(shownText(shown), /posted exactly as approved[\s\S]*We are live: faster reports/);
    assert.deepEqual(x.posts.map((p) => p.text), ['We are live: faster reports <!channel>.']);
    assert.equal(x.posts[0].media?.media_ids.length, 1, 'the image went with the post');
    assert.deepEqual([...x.media.values()][0], PNG_BYTES);
    assert.ok(inThread().some((c) => /<@U0PERSON01> published \*Launch visual \(AST-1\)\* to X/.test(shownText(c))), inThread().map(shownText).join('\n---\n'));
    assert.ok(h.slack.callsOf('chat.postMessage').some((c) => c.args['thread_ts'] === undefined && /:memo: <@U0PERSON01> published AST-1 Launch visual to X/.test(shownText(c))));

    const second = await publishTo(card, 'linkedin');
    const options = ((second?.args['view'] as { blocks: Array<{ element?: { options?: Array<{ value: string }> } }> }).blocks.find((b) => b.element?.options)?.element?.options ?? []).map((o) => o.value);
    assert.deepEqual(options, ['linkedin'], 'X is not offered twice');
    assert.equal(linkedin.posts.length, 1);
    const stored = (await h.app.services.repos.assets.get(program, 'AST-1'))?.value;
    assert.equal(stored?.status, 'published');
    assert.deepEqual(stored?.publications?.map((p) => [p.platform, p.by.userId, p.by.surface]), [['x', PERSON, 'action'], ['linkedin', PERSON, 'action']]);
  });

  test('without a publish provider the card says what to configure and offers no Publish', async () => {
    await configure('openai_images', { apiKey: 'sk-test-openai', baseUrl: `${openai.origin}/v1` });
    const card = await approvedCard();
    assert.doesNotMatch(shownText(card), /It can be published now/);
    assert.match(shownText(card), /To publish it, configure a publish provider \(X, LinkedIn, Ghost, Resend \(email\), Buffer\) with `\/ohmymkt provider`/);
    assert.deepEqual(buttonsOf(card), []);
  });
});
