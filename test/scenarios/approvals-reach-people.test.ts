// Approvals reach people (issue 16): the plan card @mentions who may decide (or the user group the channel
// named), a reminder goes into the thread once the hours pass without a decision (at most one a day, three
// in all, once across two replicas), App Home lists the approval for the approver with a button to its
// thread, and the decision refreshes that Home. Real Bolt over signed HTTP, fake Slack, fake Claude, and a
// clock the test moves.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import { CHANNEL, freshTs, startHarness, type Harness } from '../support/app-harness.ts';
import { callTool, COMPLETE_REQUIREMENTS, reviewWith, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import { startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../support/fake-slack.ts';
import { blockAction, eventCallback, newTriggerId } from '../support/slack-requests.ts';
import { buttonsOf, shownText } from '../support/slack-text.ts';

const APPROVER = 'U0APPROVER1';
const HOUR = 3_600_000;
const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

describe('approvals reach people', () => {
  let dir: string;
  let store: DocumentStore;
  let slack: FakeSlack;
  let claude: FakeClaude;
  let h: Harness;
  let current: Date;
  const clock = { now: () => current };
  const threadTs = freshTs();
  const extra: Harness[] = [];

  beforeEach(async () => {
    current = new Date();
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-approvals-'));
    store = await openEmbeddedStore(dir);
    slack = await startFakeSlack();
    claude = await startFakeClaude();
    const env = { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: claude.baseUrl, OHMYMKT_REMINDER_HOURS: '24' };
    h = await startHarness({ store, slack, clock, env });
    scriptAgents(claude, {
      'growth-manager': () => say('Objective framed. Handing to requirements-analyst.'),
      'requirements-analyst': (request) =>
        toolResults(request).length > 0 ? say('Requirements written for PLAN-1.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS }),
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
      'execution-manager': () => say('Sequenced the work.'),
    });
  });

  afterEach(async () => {
    for (const other of extra.splice(0)) await other.stop();
    await h.stop();
    await store.close();
    await slack.close();
    await claude.close();
    await rm(dir, { recursive: true, force: true });
  });

  const threadPosts = () => slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs && c.response['ok'] === true);
  const planCard = () => threadPosts().find((c) => buttonsOf(c).some((b) => b.action_id === 'ohmymkt:plan:approve'));
  const reminders = () => threadPosts().filter((c) => /Reminder/.test(shownText(c)));
  const blocksText = (call: SlackCall) => JSON.stringify(call.args['blocks'] ?? call.args['view']);

  async function planWaiting(): Promise<SlackCall> {
    await h.command(`approvers add <@${APPROVER}|approver>`);
    // A low-impact request: the requester may approve too, so the card names both.
    await h.mention('<@U0OHMYBOT> plan a newsletter series for our blog readers', { ts: threadTs });
    const card = planCard();
    assert.ok(card, 'the plan was not posted for approval');
    return card;
  }

  test('the plan card @mentions the approvers', async () => {
    const card = await planWaiting();
    assert.match(blocksText(card), new RegExp(`<@${APPROVER}>`));
    assert.match(shownText(card), /Needs approval from <@U0PERSON01> or an approver: <@U0APPROVER1>/);
  });

  test('a channel that names a user group gets it mentioned, live, on the card; a group someone typed stays dead', async () => {
    const named = await h.command('approvers group <!subteam^S0GROWTH1|@growth-leads>');
    assert.ok(named.replies.some((c) => c.method === 'chat.postMessage' && /named @growth-leads/.test(shownText(c))), 'an audit line in the channel');
    await h.mention('<@U0OHMYBOT> plan a newsletter series, cc <!subteam^S0OTHER01|@everyone-else>', { ts: threadTs });
    const card = planCard();
    assert.ok(card, 'the plan was not posted for approval');
    assert.match(blocksText(card), /<!subteam\^S0GROWTH1>/);
    // Plain text (a header) never renders a mention; every mrkdwn text shows the typed one escaped.
    const mrkdwn = JSON.stringify(JSON.stringify(card.args['blocks']).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g));
    assert.match(mrkdwn, /S0GROWTH1/);
    assert.doesNotMatch(mrkdwn, /<!subteam\^S0OTHER01/, 'the requester\'s own group mention stays dead');
  });

  test('the reminder fires once after the hours pass, at most one a day, three in all, once across replicas', async () => {
    await planWaiting();
    current = new Date(current.getTime() + 23 * HOUR);
    assert.equal((await h.app.scheduler.remind()).sent, 0, 'not before 24 hours');
    current = new Date(current.getTime() + 2 * HOUR);
    // A second replica on the same store: its start-up pass and both replicas' ticks race for the reminder.
    const replica = await startHarness({ store, slack, clock, env: { OHMYMKT_REMINDER_HOURS: '24' } });
    extra.push(replica);
    await Promise.all([h.app.scheduler.remind(), replica.app.scheduler.remind(), replica.app.scheduler.idle()]);
    assert.equal(reminders().length, 1, 'one reminder across the two replicas');
    const [reminder] = reminders();
    assert.match(shownText(reminder as SlackCall), /PLAN-1 v1 .* has waited 1d for a decision/);
    assert.match(blocksText(reminder as SlackCall), new RegExp(`<@${APPROVER}>`));
    assert.equal((await h.app.scheduler.remind()).sent, 0, 'not twice');
    current = new Date(current.getTime() + 12 * HOUR);
    assert.equal((await h.app.scheduler.remind()).sent, 0, 'at most one a day');
    for (const day of [2, 3]) {
      current = new Date(current.getTime() + 24 * HOUR);
      assert.equal((await h.app.scheduler.remind()).sent, 1, `reminder ${day}`);
    }
    current = new Date(current.getTime() + 72 * HOUR);
    assert.equal((await h.app.scheduler.remind()).sent, 0, 'three in all');
    assert.equal(reminders().length, 3);
  });

  test('App Home lists the approval for the approver with a link to the thread, and the decision refreshes it', async () => {
    const card = await planWaiting();
    await h.post(eventCallback({ event: { type: 'app_home_opened', user: APPROVER, channel: 'D0APPROVER', tab: 'home', event_ts: freshTs() } }));
    const published = slack.callsOf('views.publish').at(-1);
    assert.ok(published && published.response['ok'] === true, 'the Home was published and Slack accepted it');
    assert.equal(published.args['user_id'], APPROVER);
    const view = published.args['view'] as { type: string; blocks: Array<Record<string, any>> };
    assert.equal(view.type, 'home');
    const waiting = view.blocks.find((block) => block['accessory']?.['url'] !== undefined);
    assert.ok(waiting, 'an item with a button to its thread');
    assert.match(waiting['text']['text'], /Plan to approve/);
    assert.match(waiting['text']['text'], /PLAN-1 v1/);
    assert.match(String(waiting['accessory']['url']), new RegExp(`/archives/${CHANNEL}/p${threadTs.replace('.', '')}`));

    const before = slack.callsOf('views.publish').length;
    const value = buttonsOf(card).find((b) => b.action_id === 'ohmymkt:plan:approve')?.value ?? '';
    await h.post(blockAction({ actionId: 'ohmymkt:plan:approve', value, userId: APPROVER, channelId: CHANNEL, messageTs: String(card.response['ts']), threadTs, triggerId: newTriggerId() }));
    const refreshed = slack.callsOf('views.publish').slice(before).find((c) => c.args['user_id'] === APPROVER);
    assert.ok(refreshed, 'the approver\'s Home was refreshed');
    assert.match(JSON.stringify(refreshed.args['view']), /Nothing waits for you/);
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'done');
  });

  test('the Home of someone who may not decide does not list it', async () => {
    await planWaiting();
    await h.post(eventCallback({ event: { type: 'app_home_opened', user: 'U0STRANGER', channel: 'D0STRANGER', tab: 'home', event_ts: freshTs() } }));
    const published = slack.callsOf('views.publish').at(-1);
    assert.ok(published && published.response['ok'] === true);
    assert.match(JSON.stringify(published.args['view']), /Nothing waits for you/);
  });
});
