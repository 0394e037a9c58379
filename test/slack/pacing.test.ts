// Slack's rate limits are per method and channel: a 429 for one channel holds back only that
// channel's posts, through the app's own Web API client (the one Bolt builds from its options).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/app-harness.ts';
import { shownText } from '../support/slack-text.ts';

describe('posting while one channel is rate limited', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  const post = (channel: string, text: string) => h.app.app.client.chat.postMessage({ channel, text });

  test('a 429 in channel A does not delay channel B; A posts once its Retry-After has passed', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const started = Date.now();
    const inA = post('C0CHANNELA', 'report for A');
    await h.slack.waitFor((call) => call.status === 429 && call.args['channel'] === 'C0CHANNELA');
    await post('C0CHANNELB', 'report for B');
    const bSeconds = (Date.now() - started) / 1000;
    assert.ok(bSeconds < 1, `B posted after ${bSeconds} s`);
    await inA;
    const landed = h.slack.callsOf('chat.postMessage').filter((c) => c.status === 200).map((c) => [c.args['channel'], shownText(c)]);
    assert.deepEqual(landed, [
      ['C0CHANNELB', 'report for B'],
      ['C0CHANNELA', 'report for A'],
    ]);
  });

  test('a Retry-After past a minute fails the call with a message saying so, instead of waiting an hour', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 3600 });
    await assert.rejects(post('C0CHANNELC', 'hourly'), /Slack asked ohmymkt to wait 3600 s before calling chat\.postMessage in C0CHANNELC again/);
    assert.equal(h.slack.callsOf('chat.postMessage').filter((c) => c.args['channel'] === 'C0CHANNELC').length, 1, 'Slack was not called again');
  });
});
