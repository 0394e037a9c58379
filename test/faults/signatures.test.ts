// Forged, tampered and replayed Slack requests: a wrong secret or a stale timestamp is refused before
// any listener runs, and the same signed bytes sent again within the window do their work once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET, startHarness, type Harness } from '../support/app-harness.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { appMention, blockAction, encodeBody, eventCallback, postToSlackApp, sign, slashCommand } from '../support/slack-requests.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const now = () => Math.floor(Date.now() / 1000);

describe('forged and replayed signatures', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
  });

  const bodies = () => ({
    event: eventCallback({ event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> ulw draft a post', ts: freshTs() }) }),
    command: slashCommand({ text: 'ulw draft a post', userId: PERSON, channelId: CHANNEL, responseUrl: h.slack.newResponseUrl({ channel: CHANNEL }) }),
    action: blockAction({ actionId: 'ohmymkt:run:cancel', value: JSON.stringify({ threadTs: freshTs() }), userId: PERSON, channelId: CHANNEL, messageTs: freshTs() }),
  });

  /** Posts each kind with `options` and says what came back, and whether anything reached Slack or the store. */
  async function refusedAll(options: (kind: 'event' | 'command' | 'interactive', body: Record<string, unknown>) => Parameters<typeof postToSlackApp>[3]) {
    const calls = h.slack.calls.length;
    const runs = (await h.app.services.repos.runs.ofProgram(program)).length;
    const { event, command, action } = bodies();
    const statuses = [];
    for (const [kind, body] of [['event', event], ['command', command], ['interactive', action]] as const) {
      statuses.push((await postToSlackApp(h.url, SIGNING_SECRET, body, { kind, ...options(kind, body) })).status);
    }
    await h.settle();
    assert.deepEqual(statuses, [401, 401, 401]);
    assert.equal(h.slack.calls.length, calls, 'no listener ran');
    assert.equal((await h.app.services.repos.runs.ofProgram(program)).length, runs, 'nothing was stored');
  }

  test('a signature made with the wrong secret is refused with 401, for every kind of request', async () => {
    await refusedAll((kind, body) => {
      const timestamp = now();
      return { timestamp, signatureOverride: sign('not-the-signing-secret', timestamp, encodeBody(kind, body).raw) };
    });
  });

  test('a signature over other bytes (a tampered body) is refused with 401', async () => {
    await refusedAll((kind, body) => {
      const timestamp = now();
      return { timestamp, signatureOverride: sign(SIGNING_SECRET, timestamp, encodeBody(kind, { ...body, user_id: 'U0ATTACKER' }).raw) };
    });
  });

  test('a correctly signed request replayed more than five minutes later is refused with 401', async () => {
    await refusedAll(() => ({ timestamp: now() - 5 * 60 - 1 }));
  });

  test('the same signed event replayed within the window starts one run', async () => {
    const ts = freshTs();
    const event = eventCallback({ event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> ulw audit our blog titles', ts }) });
    const timestamp = now();
    const statuses = await Promise.all([1, 2, 3].map(async () => (await h.post(event, { timestamp })).status));
    await h.settle();
    assert.deepEqual(statuses, [200, 200, 200]);
    assert.equal((await h.app.services.repos.runs.ofProgram(program)).filter((r) => r.threadTs === ts).length, 1);
    // One 👀 for one run started (the mark then follows the run's state).
    assert.equal(h.slack.callsOf('reactions.add').filter((c) => c.args['timestamp'] === ts && c.args['name'] === 'eyes').length, 1);
  });

  test('the same signed slash command replayed within the window starts one run', async () => {
    const request = 'draft the launch tweet';
    const command = slashCommand({ text: `ulw ${request}`, userId: PERSON, channelId: CHANNEL, responseUrl: h.slack.newResponseUrl({ channel: CHANNEL }) });
    const timestamp = now();
    for (let i = 0; i < 3; i += 1) assert.equal((await h.post(command, { timestamp })).status, 200);
    const parents = h.slack.callsOf('chat.postMessage').filter((c) => shownText(c).includes(`asked: ${request}`));
    assert.equal(parents.length, 1, 'one run parent message');
  });

  test('the same signed Cancel click replayed within the window cancels once and refuses nothing', async () => {
    const ts = freshTs();
    await h.mention('<@U0OHMYBOT> ulw refresh the pricing page', { ts });
    const withCancel = h.slack
      .callsOf('chat.postMessage')
      .find((c) => c.args['thread_ts'] === ts && JSON.stringify(c.args['blocks'] ?? []).includes('ohmymkt:run:cancel'));
    assert.ok(withCancel, 'the run offers Cancel');
    const value = (withCancel.args['blocks'] as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>)
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'ohmymkt:run:cancel')?.value;
    assert.ok(value);
    const click = blockAction({ actionId: 'ohmymkt:run:cancel', value, userId: PERSON, channelId: CHANNEL, messageTs: String(withCancel.response['ts']), threadTs: ts });
    const ephemerals = h.slack.callsOf('chat.postEphemeral').length;
    const timestamp = now();
    for (let i = 0; i < 3; i += 1) assert.equal((await h.post(click, { timestamp })).status, 200);
    const cancelled = (c: SlackCall) => c.args['thread_ts'] === ts && /Run cancelled/.test(shownText(c));
    assert.equal(h.slack.callsOf('chat.postMessage').filter(cancelled).length, 1);
    assert.equal(h.slack.callsOf('chat.postEphemeral').length, ephemerals, 'the replays were dropped, not refused');
    assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'cancelled');
  });
});
