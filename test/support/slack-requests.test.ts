// Proves signed requests pass Bolt's own verification (and forgeries do not) and that the payload
// builders produce what Slack sends, using a real Bolt App on a loopback port.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import {
  appMention,
  blockAction,
  eventCallback,
  postToSlackApp,
  sign,
  slashCommand,
  urlVerification,
  viewSubmission,
} from './slack-requests.ts';

const SECRET = 'test-signing-secret';
const C = 'C0PROGRAM1';
const PERSON = 'U061F7AUR';

let slack: FakeSlack;
let app: App;
let url: string;
const seen: Array<{ kind: string; detail: unknown }> = [];

before(async () => {
  slack = await startFakeSlack();
  app = new App({
    token: 'xoxb-test-token',
    signingSecret: SECRET,
    deferInitialization: true,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  app.command('/ohmymkt', async ({ ack, command, respond }) => {
    // Recorded before ack() so the HTTP answer cannot overtake it.
    seen.push({ kind: 'command', detail: command.text });
    await ack();
    await respond({ response_type: 'ephemeral', text: `usage for ${command.text}` });
  });
  app.event('app_mention', async ({ event, say, context }) => {
    seen.push({ kind: 'mention', detail: { text: event.text, retryNum: context.retryNum } });
    await say({ text: 'On it', thread_ts: event.ts });
  });
  app.action('plan_approve', async ({ ack, body, action }) => {
    seen.push({ kind: 'action', detail: { value: 'value' in action ? action.value : undefined, user: body.user.id } });
    await ack();
  });
  app.view('reject_reason', async ({ ack, view }) => {
    seen.push({ kind: 'view', detail: { metadata: view.private_metadata, values: view.state.values } });
    await ack();
  });
  await app.init();
  const server = (await app.start(0)) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

after(async () => {
  await app.stop();
  await slack.close();
});

const takeSeen = (kind: string) => seen.filter((s) => s.kind === kind).map((s) => s.detail);

describe('signed requests into a real Bolt app', () => {
  test('sign() matches the documented v0 example', () => {
    // Slack's "verifying requests" walkthrough uses this secret, timestamp and body.
    const body = [
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V',
      '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=',
      '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN',
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    ].join('');
    assert.equal(
      sign('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body),
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  test('a signed slash command is acked and reaches the listener', async () => {
    const responseUrl = slack.newResponseUrl({ channel: C });
    const res = await postToSlackApp(url, SECRET, slashCommand({ text: 'help', userId: PERSON, channelId: C, responseUrl }));
    assert.equal(res.status, 200);
    assert.deepEqual(takeSeen('command'), ['help']);
    assert.equal((await slack.waitFor('response_url')).args.text, 'usage for help');
  });

  test('a forged or stale signature gets 401 and runs nothing', async () => {
    const command = slashCommand({ text: 'forged', userId: PERSON, channelId: C, responseUrl: slack.newResponseUrl() });
    const forged = await postToSlackApp(url, SECRET, command, { signatureOverride: sign('wrong-secret', 1, 'x') });
    const stale = await postToSlackApp(url, SECRET, command, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    assert.deepEqual([forged.status, stale.status], [401, 401]);
    assert.ok(!takeSeen('command').includes('forged'));
  });

  test('an app_mention event is acked at once and the reply goes to the thread', async () => {
    const event = appMention({ channel: C, user: PERSON, text: '<@U0OHMYBOT> ulw launch', ts: '1717400000.000200' });
    const res = await postToSlackApp(url, SECRET, eventCallback({ event }));
    assert.equal(res.status, 200);
    const reply = await slack.waitFor('chat.postMessage');
    assert.equal(reply.args.thread_ts, '1717400000.000200');
    assert.equal(slack.messages(C).find((m) => m.ts === '1717400000.000200')?.replies[0]?.text, 'On it');
  });

  test('a redelivered event carries its retry number into the context', async () => {
    const event = appMention({ channel: C, user: PERSON, text: '<@U0OHMYBOT> again', ts: '1717400001.000300' });
    const redelivery = { retryNum: 1, retryReason: 'http_timeout' };
    await postToSlackApp(url, SECRET, eventCallback({ event, eventId: 'Ev0RETRY' }), redelivery);
    await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1717400001.000300');
    assert.deepEqual(takeSeen('mention').at(-1), { text: '<@U0OHMYBOT> again', retryNum: 1 });
  });

  test('a button click and a modal submission reach their listeners', async () => {
    const click = blockAction({
      actionId: 'plan_approve',
      value: 'plan:v1',
      userId: PERSON,
      channelId: C,
      messageTs: '1717400005.000400',
    });
    assert.equal((await postToSlackApp(url, SECRET, click)).status, 200);
    assert.deepEqual(takeSeen('action'), [{ value: 'plan:v1', user: PERSON }]);

    const values = { reason: { reason_input: { type: 'plain_text_input', value: 'Budget too high' } } };
    const submit = viewSubmission({
      callbackId: 'reject_reason',
      privateMetadata: '{"plan":1}',
      values,
      userId: PERSON,
      viewId: 'V0TEST',
    });
    const res = await postToSlackApp(url, SECRET, submit);
    assert.equal(res.status, 200);
    assert.deepEqual(takeSeen('view'), [{ metadata: '{"plan":1}', values }]);
  });

  test('url_verification is answered with the challenge', async () => {
    const res = await postToSlackApp(url, SECRET, urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'));
    assert.deepEqual(res.json, { challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });
});

/** Key structure of a JSON value: what must match between a recorded payload and a built one. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]));
  }
  return value === null ? null : typeof value;
}

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('payload builders match recorded Slack payloads', () => {
  test('app_mention envelope', () => {
    const built = eventCallback({
      event: appMention({ channel: C, user: PERSON, text: '<@U0OHMYBOT> ulw go', ts: '1717400000.000200' }),
    });
    assert.deepEqual(shape(built), shape(fixture('app_mention.json')));
  });

  test('slash command form', () => {
    const built = slashCommand({ text: 'help', userId: PERSON, channelId: C, responseUrl: 'https://hooks.slack.com/commands/x' });
    assert.deepEqual(shape(built), shape(fixture('slash_command.json')));
  });

  test('block_actions payload', () => {
    const built = blockAction({
      actionId: 'plan_approve',
      value: 'plan:v1',
      userId: PERSON,
      channelId: C,
      messageTs: '1717400005.000400',
      threadTs: '1717400000.000200',
      responseUrl: 'https://hooks.slack.com/actions/x',
    });
    assert.deepEqual(shape(built), shape(fixture('block_actions.json')));
  });
});
