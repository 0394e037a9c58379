// Proves the fake Slack answers the real @slack/web-api WebClient the way Slack does.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';

let slack: FakeSlack;
let client: WebClient;
const C = 'C0PROGRAM1';

before(async () => {
  slack = await startFakeSlack();
  client = new WebClient('xoxb-test-token', {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
  });
});
after(() => slack.close());
beforeEach(() => slack.reset());

async function slackError(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const error = (await call.then(
    () => assert.fail('expected Slack to reject the call'),
    (e: unknown) => e,
  )) as WebAPIPlatformError;
  assert.equal(error.code, 'slack_webapi_platform_error');
  return error.data;
}

const section = (text: string, blockId?: string) => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn', text },
});
const button = (actionId: string, text = 'Go') => ({
  type: 'button' as const,
  action_id: actionId,
  text: { type: 'plain_text' as const, text },
});

describe('fake Slack Web API', () => {
  test('auth.test names the bot the way Bolt expects', async () => {
    const auth = await client.auth.test();
    assert.equal(auth.user_id, slack.identity.botUserId);
    assert.equal(auth.bot_id, slack.identity.botId);
    assert.equal(auth.team_id, slack.identity.teamId);
    assert.equal(slack.callsOf('auth.test')[0]?.token, 'xoxb-test-token');
  });

  test('posts a message, returns increasing ts, and shows it in the channel and its thread', async () => {
    const first = await client.chat.postMessage({ channel: C, text: 'Plan v1', blocks: [section('*Plan v1*')] });
    const reply = await client.chat.postMessage({ channel: C, text: 'step 1', thread_ts: first.ts as string });
    assert.ok(Number(reply.ts) > Number(first.ts));
    assert.equal(reply.message?.thread_ts, first.ts);
    assert.deepEqual(slack.callsOf('chat.postMessage')[0]?.args.blocks, [section('*Plan v1*')]);

    await client.chat.update({ channel: C, ts: first.ts as string, text: 'Plan v2' });
    const [top] = slack.messages(C);
    assert.equal(top?.text, 'Plan v2');
    assert.deepEqual(top?.replies.map((m) => m.text), ['step 1']);

    const thread = await client.conversations.replies({ channel: C, ts: first.ts as string });
    assert.deepEqual(thread.messages?.map((m) => m.text), ['Plan v2', 'step 1']);
  });

  test('attaches replies to a seeded person message and lists them in conversations.replies', async () => {
    slack.seedMessage({ channel: C, ts: '1700000000.000100', user: 'U0PERSON', text: '<@U0OHMYBOT> ulw go' });
    await client.chat.postMessage({ channel: C, thread_ts: '1700000000.000100', text: 'Route: ultrawork' });
    const thread = await client.conversations.replies({ channel: C, ts: '1700000000.000100' });
    assert.deepEqual(thread.messages?.map((m) => m.user), ['U0PERSON', slack.identity.botUserId]);
  });

  test('rejects 51 blocks with invalid_blocks', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`row ${i}`));
    const data = await slackError(client.chat.postMessage({ channel: C, text: 'too many', blocks }));
    assert.equal(data.error, 'invalid_blocks');
    assert.deepEqual(slack.messages(C), []);
  });

  test('rejects Block Kit over its limits', async () => {
    const cases = [
      [section('x'.repeat(3001))],
      [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
      [{ type: 'actions', elements: [button('a', 'x'.repeat(76))] }],
      [{ type: 'actions', elements: [button('approve'), button('approve')] }],
      [section('a', 'same'), section('b', 'same')],
    ];
    for (const blocks of cases) {
      const data = await slackError(client.chat.postMessage({ channel: C, text: 'x', blocks }));
      assert.equal(data.error, 'invalid_blocks', JSON.stringify(blocks).slice(0, 80));
    }
    // Slack only wants action_id unique inside its block; the same id in two blocks is accepted.
    const ok = await client.chat.postMessage({
      channel: C,
      text: 'x',
      blocks: [
        { type: 'actions', elements: [button('approve')] },
        { type: 'actions', elements: [button('approve')] },
      ],
    });
    assert.equal(ok.ok, true);
  });

  test('rejects text over 40,000 characters, a missing channel and a missing token', async () => {
    assert.equal((await slackError(client.chat.postMessage({ channel: C, text: 'x'.repeat(40_001) }))).error, 'msg_too_long');
    assert.equal((await slackError(client.chat.postMessage({ channel: '', text: 'hi' }))).error, 'channel_not_found');
    const anonymous = new WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    assert.equal((await slackError(anonymous.chat.postMessage({ channel: C, text: 'hi' }))).error, 'not_authed');
    assert.equal((await slackError(client.apiCall('chat.nonsense'))).error, 'unknown_method');
  });

  test('opens Socket Mode connections for an app-level token only, and only with a Socket Mode server attached', async () => {
    // As @slack/socket-mode calls it: no bot token, the app token in the Authorization header.
    const appClient = new WebClient(undefined, { slackApiUrl: slack.apiUrl, headers: { Authorization: 'Bearer xapp-1-A0OHMYMKT-1-abc' } });
    assert.equal((await slackError(appClient.apps.connections.open())).error, 'unknown_method');
    slack.enableSocketMode(() => 'ws://127.0.0.1:9/link/?ticket=t1&app_id=A0OHMYMKT');
    try {
      assert.equal((await appClient.apps.connections.open()).url, 'ws://127.0.0.1:9/link/?ticket=t1&app_id=A0OHMYMKT');
      assert.equal((await slackError(client.apps.connections.open())).error, 'not_allowed_token_type');
      assert.equal((await slackError(appClient.chat.postMessage({ channel: C, text: 'hi' }))).error, 'not_allowed_token_type');
      const stranger = new WebClient('not-a-token', { slackApiUrl: slack.apiUrl });
      assert.equal((await slackError(stranger.apps.connections.open())).error, 'invalid_auth');
    } finally {
      slack.enableSocketMode(undefined);
    }
  });

  test('answers 429 with Retry-After and the WebClient retries', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const posted = await client.chat.postMessage({ channel: C, text: 'after the wait' });
    assert.equal(posted.ok, true);
    assert.deepEqual(slack.callsOf('chat.postMessage').map((c) => c.status), [429, 200]);
    assert.equal(slack.messages(C).length, 1);
  });

  test('fails with a scripted error code', async () => {
    slack.failNext('reactions.add', { error: 'ratelimited' });
    const data = await slackError(client.reactions.add({ channel: C, timestamp: '1700000000.000100', name: 'eyes' }));
    assert.equal(data.error, 'ratelimited');
    await client.reactions.add({ channel: C, timestamp: '1700000000.000100', name: 'eyes' });
    const again = await slackError(client.reactions.add({ channel: C, timestamp: '1700000000.000100', name: 'eyes' }));
    assert.equal(again.error, 'already_reacted');
  });

  test('opens a modal once per trigger and rejects views over 100 blocks', async () => {
    const view = {
      type: 'modal' as const,
      callback_id: 'reject_reason',
      title: { type: 'plain_text' as const, text: 'Reject plan' },
      blocks: [section('Why?')],
    };
    const opened = await client.views.open({ trigger_id: '123.456.abc', view });
    assert.match(opened.view?.id ?? '', /^V/);
    assert.equal((await slackError(client.views.open({ trigger_id: '123.456.abc', view }))).error, 'exchanged_trigger_id');
    const huge = { ...view, blocks: Array.from({ length: 101 }, (_, i) => section(`${i}`)) };
    assert.equal((await slackError(client.views.open({ trigger_id: '123.456.def', view: huge }))).error, 'invalid_arguments');
    const viewId = opened.view?.id as string;
    const updated = await client.views.update({ view_id: viewId, view: { ...view, blocks: [section('Thanks')] } });
    assert.equal(updated.view?.id, opened.view?.id);
  });

  test('records posts to a response URL and applies replace_original', async () => {
    const posted = await client.chat.postMessage({ channel: C, text: 'Approve?' });
    const url = slack.newResponseUrl({ channel: C, messageTs: posted.ts as string });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'Approved by <@U1>' }),
    });
    assert.equal(res.status, 200);
    assert.equal((await slack.waitFor('response_url')).args.text, 'Approved by <@U1>');
    assert.equal(slack.messages(C)[0]?.text, 'Approved by <@U1>');
  });

  test('uploads a file through the external upload URL', async () => {
    const file = { filename: 'report.csv', content: 'a,b\n1,2\n' };
    await client.files.uploadV2({ channel_id: C, ...file, initial_comment: 'Weekly report' });
    assert.equal(slack.callsOf('file_upload')[0]?.args.bytes, 8);
    assert.equal(slack.messages(C)[0]?.text, 'Weekly report');
  });

  test('streams a reply into a thread', async () => {
    const streamer = client.chatStream({ channel: C, thread_ts: '1700000000.000100' });
    await streamer.append({ markdown_text: 'Working' });
    await streamer.stop({ markdown_text: ' done.' });
    assert.equal(slack.thread(C, '1700000000.000100')[0]?.text, 'Working done.');
  });

  test('waitFor resolves on a future call and names what it saw when it gives up', async () => {
    const waiting = slack.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === 'U2');
    await client.chat.postEphemeral({ channel: C, user: 'U2', text: 'Only you can see this' });
    assert.equal((await waiting).response.ok, true);
    await assert.rejects(slack.waitFor('views.open', { timeoutMs: 50 }), /calls so far: chat\.postEphemeral/);
  });
});
