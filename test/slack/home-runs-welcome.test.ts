// App Home with 50 programs, `/ohmymkt runs` and the welcome when ohmymkt joins a channel, through the
// real Bolt app over signed HTTP and the fake Slack (no Claude key: runs stop at "Agents need Claude").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CHANNEL, freshTs, startHarness, type Harness } from '../support/app-harness.ts';
import { blockAction, eventCallback, newTriggerId, viewSubmission } from '../support/slack-requests.ts';
import { buttonsOf, shownText } from '../support/slack-text.ts';

const TEAM = 'T0OHMYMKT';
const APPROVER = 'U0APPROVER1';

describe('App Home, /ohmymkt runs and the welcome', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  test('App Home of an approver of 50 programs fits in 100 blocks and Slack accepts it', async () => {
    const { repos } = h.app.services;
    for (let i = 0; i < 50; i += 1) {
      const program = { teamId: TEAM, channelId: `C0HOME${String(i).padStart(4, '0')}` };
      const { state } = await repos.programs.load(program);
      assert.ok(await repos.programs.save(program, 0, { ...state, approvers: [APPROVER] }, new Date()));
    }
    await h.post(eventCallback({ event: { type: 'app_home_opened', user: APPROVER, channel: 'D0APPROVER', tab: 'home', event_ts: freshTs() } }));
    const published = h.slack.callsOf('views.publish').at(-1);
    assert.ok(published, 'no views.publish');
    assert.equal(published.response['ok'], true, JSON.stringify(published.response));
    const view = published.args['view'] as { blocks: unknown[] };
    assert.ok(view.blocks.length <= 100, `${view.blocks.length} blocks`);
    const text = JSON.stringify(view);
    assert.match(text, /Your programs \(50\)/);
    assert.match(text, /<#C0HOME0000>/);
    assert.match(text, /gates 0\/5/);
  });

  test('the messages tab opening publishes nothing', async () => {
    const before = h.slack.callsOf('views.publish').length;
    await h.post(eventCallback({ event: { type: 'app_home_opened', user: APPROVER, channel: 'D0APPROVER', tab: 'messages', event_ts: freshTs() } }));
    assert.equal(h.slack.callsOf('views.publish').length, before);
  });

  test('/ohmymkt runs lists the channel\'s runs privately: state, requester, age, cost and a link', async () => {
    const first = freshTs();
    await h.mention('<@U0OHMYBOT> plan a webinar series', { ts: first });
    await h.mention('<@U0OHMYBOT> ulw draft three LinkedIn posts', { user: 'U0OTHER001' });
    const { replies } = await h.command('runs');
    const answer = replies.find((c) => c.method === 'response_url');
    assert.ok(answer, 'no private answer');
    assert.equal(answer.args['response_type'], 'ephemeral');
    const text = shownText(answer);
    assert.match(text, /Recent runs \(2\)/);
    assert.match(text, /asked by <@U0PERSON01>/);
    assert.match(text, /asked by <@U0OTHER001>/);
    assert.match(text, /\$0/);
    assert.match(text, new RegExp(`/archives/${CHANNEL}/p${first.replace('.', '')}\\|plan a webinar series>`));
  });

  test('ohmymkt joining a channel posts one welcome, and a suggestion starts a run as the person who clicked', async () => {
    const channel = 'C0WELCOME1';
    const joined = () => eventCallback({ event: { type: 'member_joined_channel', user: 'U0OHMYBOT', channel, channel_type: 'C', team: TEAM, event_ts: freshTs() } });
    await h.post(joined());
    await h.post(eventCallback({ event: { type: 'member_joined_channel', user: 'U0SOMEONE1', channel, channel_type: 'C', team: TEAM, event_ts: freshTs() } }));
    const welcomes = h.slack.callsOf('chat.postMessage').filter((c) => c.args['channel'] === channel);
    assert.equal(welcomes.length, 1, 'one welcome, for the bot only');
    const welcome = welcomes[0]!;
    assert.match(shownText(welcome), /ohmymkt joined this channel/);
    const buttons = buttonsOf(welcome);
    assert.equal(buttons.length, 3);

    const direct = buttons.find((b) => b.value === 'competitors');
    assert.ok(direct);
    await h.post(blockAction({ actionId: direct.action_id, value: direct.value ?? '', userId: 'U0CLICKER1', channelId: channel, messageTs: String(welcome.response['ts']) }));
    const parent = h.slack.callsOf('chat.postMessage').find((c) => c.args['channel'] === channel && /asked: Profile our three main competitors/.test(shownText(c)));
    assert.ok(parent, 'the request was posted as the clicker\'s');
    const run = await h.app.services.repos.runs.get({ teamId: TEAM, channelId: channel }, String(parent.response['ts']));
    assert.equal(run?.requesterId, 'U0CLICKER1');

    const detailed = buttons.find((b) => b.value === 'launch');
    assert.ok(detailed);
    await h.post(blockAction({ actionId: detailed.action_id, value: detailed.value ?? '', userId: 'U0CLICKER1', channelId: channel, messageTs: String(welcome.response['ts']), triggerId: newTriggerId() }));
    const opened = h.slack.callsOf('views.open').at(-1);
    assert.ok(opened && opened.response['ok'] === true, 'the detail modal opened');
    const view = opened.args['view'] as { callback_id: string; private_metadata: string };
    await h.post(
      viewSubmission({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { detail: { detail_input: { type: 'plain_text_input', value: 'our Slack integration, early March' } } },
        userId: 'U0CLICKER1',
        viewId: String((opened.response['view'] as { id: string }).id),
      }),
    );
    const launch = h.slack.callsOf('chat.postMessage').find((c) => c.args['channel'] === channel && /Plan the launch of our Slack integration, early March/.test(shownText(c)));
    assert.ok(launch, 'the run with the detail started');
    assert.equal((await h.app.services.repos.runs.get({ teamId: TEAM, channelId: channel }, String(launch.response['ts'])))?.requesterId, 'U0CLICKER1');
  });
});
