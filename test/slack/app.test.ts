// The Slack edge as Slack sees it: signed requests to the real Bolt app, answers and Web API calls.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CHANNEL, freshTs, SIGNING_SECRET, startHarness, type Harness } from '../support/app-harness.ts';
import { appMention, eventCallback, postToSlackApp, sign, urlVerification } from '../support/slack-requests.ts';

describe('the Slack edge', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
  });

  test('answers /healthz and /readyz', async () => {
    const base = h.url.replace('/slack/events', '');
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200);
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { ok: true, store: 'reachable' });
  });

  test('answers url_verification with the challenge', async () => {
    const response = await h.post(urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'));
    assert.equal(response.status, 200);
    assert.match(response.text, /3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P/);
  });

  test('refuses a forged signature with 401 and runs no listener', async () => {
    const before = h.slack.calls.length;
    const event = eventCallback({ event: appMention({ channel: CHANNEL, user: 'U0FORGER1', text: '<@U0BOT> ulw hi', ts: freshTs() }) });
    const response = await h.post(event, { signatureOverride: sign('not-the-secret', Math.floor(Date.now() / 1000), '{}') });
    assert.equal(response.status, 401);
    assert.equal(h.slack.calls.length, before);
  });

  test('refuses a request signed six minutes ago with 401', async () => {
    const before = h.slack.calls.length;
    const event = eventCallback({ event: appMention({ channel: CHANNEL, user: 'U0LATE0001', text: 'ulw hi', ts: freshTs() }) });
    const response = await postToSlackApp(h.url, SIGNING_SECRET, event, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    await h.settle();
    assert.equal(response.status, 401);
    assert.equal(h.slack.calls.length, before);
  });

  test('handles an event delivered three times (with retry headers) once', async () => {
    const ts = freshTs();
    const body = eventCallback({
      eventId: 'Ev0DEDUPE0001',
      event: appMention({ channel: CHANNEL, user: 'U0PERSON01', text: '<@U0BOT> ulw draft three LinkedIn posts', ts }),
    });
    const first = await h.post(body);
    const second = await h.post(body, { retryNum: 1, retryReason: 'http_timeout' });
    const third = await h.post(body, { retryNum: 2, retryReason: 'http_timeout' });
    assert.deepEqual([first.status, second.status, third.status], [200, 200, 200]);
    const routeReplies = h.slack.callsOf('chat.postMessage').filter((call) => call.args['thread_ts'] === ts && /Route:/.test(String(call.args['text'])));
    assert.equal(routeReplies.length, 1);
  });

  test('replies to a mention in its thread with the route and why', async () => {
    const ts = freshTs();
    await h.mention('<@U0BOT> plan a launch on March 3 with a $50,000 budget', { ts });
    const posts = h.slack.callsOf('chat.postMessage').filter((call) => call.args['thread_ts'] === ts);
    const [reply] = posts;
    // Between them the run's progress message, its first step stopped for want of Claude.
    const notice = posts.find((call) => /Agents need Claude/.test(String(call.args['text'])));
    assert.ok(reply, 'no reply in the thread');
    assert.match(reply.args['text'], /Route: planned — commits a \$50,000 budget and a launch date/);
    assert.match(String(notice?.args['text']), /Agents need Claude\. Set `ANTHROPIC_API_KEY`/, 'without a key the thread says how to enable Claude');
  });
});

describe('the app on its own data directory', () => {
  test('a stop and a start on the same directory keep what was stored', async () => {
    const h = await startHarness();
    try {
      await h.command('gates set data_gate.dashboard_stable=true');
      await h.restart();
      const { replies } = await h.command('gates');
      const shown = replies.filter((call) => call.method === 'response_url').map((call) => JSON.stringify(call.args)).join('');
      assert.match(shown, /data_gate/);
      assert.match(shown, /dashboard_stable|reconcilable/);
      const logs = h.logs.filter((line) => line.includes('"level":"error"'));
      assert.deepEqual(logs, []);
    } finally {
      await h.stop();
    }
  });
});
