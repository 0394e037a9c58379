// Socket Mode end to end: the real app started as production starts it with SLACK_APP_TOKEN (real Bolt
// App, SocketModeReceiver and @slack/socket-mode client), connected over loopback to a fake Socket
// Mode endpoint found through the fake Slack's apps.connections.open. Envelopes go in on the socket;
// the tests read the acks that come back, what appears in Slack, and what is stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, startHarness, type Harness } from '../support/app-harness.ts';
import { freePort } from '../support/http.ts';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../support/fake-slack.ts';
import {
  eventsApiEnvelope,
  interactiveEnvelope,
  slashCommandEnvelope,
  startFakeSocketMode,
  type FakeSocketMode,
  type SocketAck,
} from '../support/fake-socket-mode.ts';
import { appMention, blockAction, eventCallback, slashCommand } from '../support/slack-requests.ts';
import { buttonValue, isPrivate, shownText } from '../support/slack-text.ts';

const APP_TOKEN = 'xapp-1-A0OHMYMKT-1234567890-0123456789abcdef';
const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const USAGE = /incident open <high\|medium\|low\|P0\|P1\|P2>/;

describe('Socket Mode', () => {
  let slack: FakeSlack;
  let socket: FakeSocketMode;
  let h: Harness;
  let port: number;

  before(async () => {
    slack = await startFakeSlack();
    socket = await startFakeSocketMode({ slack });
    port = await freePort();
    // As deployed with Socket Mode: an app token and no signing secret; PORT serves only the health checks.
    h = await startHarness({
      slack,
      env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '', PORT: String(port), OHMYMKT_LOG_LEVEL: 'info' },
    });
  });
  after(async () => {
    await h?.stop();
    await socket?.close();
    await slack?.close();
  });

  const inThread = (ts: string) => (call: SlackCall) => call.method === 'chat.postMessage' && call.args['thread_ts'] === ts;
  const postsIn = (ts: string) => slack.calls.filter(inThread(ts));
  const callsSince = (index: number, method: string) => slack.calls.slice(index).filter((call) => call.method === method);

  /** Resolves once the app logged this event with a field matching `detail`. */
  async function logged(event: string, detail: RegExp, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!h.logs.some((line) => line.includes(`"event":"${event}"`) && detail.test(line))) {
      if (Date.now() > deadline) assert.fail(`no "${event}" log matching ${detail} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A person mentions the app at the top of the channel; Slack delivers it as an events_api envelope. */
  async function mention(text: string, ts: string, eventId: string, retry?: { attempt: number; reason: string }): Promise<SocketAck> {
    slack.seedMessage({ channel: CHANNEL, ts, user: PERSON, text });
    const body = eventCallback({ eventId, event: appMention({ channel: CHANNEL, user: PERSON, text, ts }) });
    return socket.deliver(eventsApiEnvelope(body, retry));
  }

  /** `/ohmymkt <text>` as a slash_commands envelope; the response URL answers into the channel. */
  function command(text: string): Promise<SocketAck> {
    const responseUrl = slack.newResponseUrl({ channel: CHANNEL });
    return socket.deliver(slashCommandEnvelope(slashCommand({ text, userId: PERSON, channelId: CHANNEL, responseUrl })));
  }

  test('connects with the app-level token through SLACK_API_URL and still serves the health checks', async () => {
    const [open, ...more] = slack.callsOf('apps.connections.open');
    assert.ok(open, 'the client never asked the fake Slack (SLACK_API_URL) for a socket URL');
    assert.equal(more.length, 0);
    assert.equal(open.token, APP_TOKEN);
    assert.equal(open.response['ok'], true);
    assert.ok(slack.callsOf('auth.test').every((call) => call.token === 'xoxb-test-token'), 'Web API calls use the bot token');
    assert.equal(socket.connections.length, 1);
    assert.equal(socket.connections[0]?.open, true);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { ok: true, store: 'reachable' });
    assert.doesNotMatch(h.logs.join('\n'), new RegExp(APP_TOKEN), 'the app token never reaches the logs');
  });

  test('an app_mention is acked before any work, then the run starts: 👀 on the mention, the route and the reply in its thread', async () => {
    const ts = freshTs();
    const ack = await mention('<@U0OHMYBOT> ulw draft three LinkedIn posts', ts, 'Ev0SOCKET0001');
    assert.deepEqual(ack.payload, {}, 'an event ack carries no response');
    assert.equal(slack.callsOf('reactions.add').filter((call) => call.args['timestamp'] === ts).length, 0, 'acked before the work began');

    await slack.waitFor((call) => inThread(ts)(call) && /Agents need Claude/.test(shownText(call)));
    await h.settle();
    const [shown] = slack.messages(CHANNEL).filter((message) => message.ts === ts);
    // 👀 while it worked, then the mark of how it ended: without Claude the run fails.
    assert.deepEqual(slack.callsOf('reactions.add').filter((call) => call.args['timestamp'] === ts).map((call) => call.args['name']), ['eyes', 'x']);
    assert.deepEqual(shown?.reactions, ['x']);
    const replies = (shown?.replies ?? []).map((reply) => reply.text ?? '');
    assert.ok(replies.some((reply) => /^Route: ultrawork/.test(reply)), replies.join(' | '));
    assert.ok(replies.some((reply) => /Agents need Claude\. Set `ANTHROPIC_API_KEY`/.test(reply)), 'without a key the thread says how to enable Claude');
    const run = await h.app.services.repos.runs.get(program, ts);
    assert.equal(run?.requesterId, PERSON);
    assert.equal(run?.route, 'ultrawork');
    assert.equal(run?.state, 'failed', 'without Claude the run stops, offering Retry');
  });

  test('the same event redelivered with retry_attempt 1 is acked and starts no second run', async () => {
    const ts = freshTs();
    const text = '<@U0OHMYBOT> ulw audit our blog titles';
    const first = await mention(text, ts, 'Ev0SOCKET0002');
    await slack.waitFor((call) => inThread(ts)(call) && /^Route:/.test(shownText(call)));
    await h.settle();
    const retry = await mention(text, ts, 'Ev0SOCKET0002', { attempt: 1, reason: 'timeout' });
    assert.notEqual(retry.envelope_id, first.envelope_id);
    assert.ok(socket.acks.some((ack) => ack.envelope_id === retry.envelope_id));
    await logged('delivery_duplicate', /Ev0SOCKET0002/);
    await h.settle();
    assert.equal(postsIn(ts).filter((call) => /^Route:/.test(shownText(call))).length, 1);
    assert.equal(slack.callsOf('reactions.add').filter((call) => call.args['timestamp'] === ts && call.args['name'] === 'eyes').length, 1);
    assert.equal((await h.app.services.repos.runs.ofProgram(program)).filter((run) => run.threadTs === ts).length, 1);
  });

  test('/ohmymkt status is acked empty and the status reaches the person privately through response_url', async () => {
    const before = slack.calls.length;
    const ack = await command('status');
    assert.deepEqual(ack.payload, {}, 'like HTTP mode, the ack itself says nothing');
    await slack.waitFor((call) => call.method === 'response_url' && slack.calls.indexOf(call) >= before);
    await h.settle();
    const [reply, ...more] = callsSince(before, 'response_url');
    assert.ok(reply);
    assert.equal(more.length, 0);
    assert.equal(reply.status, 200);
    assert.ok(isPrivate(reply), 'status is shown only to the person who asked');
    assert.match(shownText(reply), /No active campaign/);
    assert.match(shownText(reply), /0 of 5 startup gates pass/);
    assert.equal(callsSince(before, 'chat.postMessage').length, 0, 'nothing is posted in the channel');
  });

  test('a bad /ohmymkt is answered privately with the usage and changes nothing', async () => {
    const stateBefore = await h.app.services.repos.programs.load(program);
    const auditBefore = (await h.app.services.repos.audit.list(program)).length;

    // Refused by the service after the ack: the answer goes to the response URL.
    let before = slack.calls.length;
    const ack = await command('gates set nonsense');
    assert.deepEqual(ack.payload, {});
    await slack.waitFor((call) => call.method === 'response_url' && slack.calls.indexOf(call) >= before);
    await h.settle();
    const [refusal, ...more] = callsSince(before, 'response_url');
    assert.ok(refusal);
    assert.equal(more.length, 0);
    assert.ok(isPrivate(refusal));
    assert.match(shownText(refusal), /write <gate>\.<field>=<value>.*\(got "nonsense"\)/);
    assert.match(shownText(refusal), /\/ohmymkt gates \| gates set/, 'the usage of the mistyped command');
    assert.match(shownText(refusal), /Nothing was changed/);

    // Refused while parsing: the answer rides in the ack payload over the socket.
    before = slack.calls.length;
    const parsed = await command('launch everything');
    assert.equal(parsed.payload?.['response_type'], 'ephemeral');
    const inAck = shownText({ method: 'ack', args: parsed.payload ?? {}, token: undefined, status: 200, response: {} });
    assert.match(inAck, /"launch" is not an ohmymkt command/);
    assert.match(inAck, USAGE);
    await h.settle();
    assert.deepEqual(slack.calls.slice(before), [], 'a refusal in the ack reaches neither Slack nor the store');

    assert.deepEqual(await h.app.services.repos.programs.load(program), stateBefore);
    assert.equal((await h.app.services.repos.audit.list(program)).length, auditBefore);
  });

  test('a Cancel click (interactive block_actions) is acked and cancels the run in its thread', async () => {
    const ts = freshTs();
    await mention('<@U0OHMYBOT> ulw refresh the pricing page copy', ts, 'Ev0SOCKET0003');
    const withCancel = await slack.waitFor((call) => inThread(ts)(call) && buttonValue(call, 'ohmymkt:run:cancel') !== undefined);
    await h.settle();
    assert.notEqual((await h.app.services.repos.runs.get(program, ts))?.state, 'cancelled');

    const click = blockAction({
      actionId: 'ohmymkt:run:cancel',
      value: buttonValue(withCancel, 'ohmymkt:run:cancel') as string,
      userId: PERSON,
      channelId: CHANNEL,
      messageTs: String(withCancel.response['ts']),
      threadTs: ts,
    });
    const envelope = interactiveEnvelope(click);
    const ack = await socket.deliver(envelope);
    assert.deepEqual(ack.payload, {});
    await slack.waitFor((call) => inThread(ts)(call) && /Run cancelled by <@U0PERSON01>/.test(shownText(call)));
    await h.settle();
    assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'cancelled');
    assert.equal(slack.callsOf('chat.postEphemeral').length, 0, 'the click was not refused');
  });

  test('after Slack drops the connection and apps.connections.open fails for a while, the client reconnects and the next envelope is handled', { timeout: 60_000 }, async () => {
    const opened = slack.callsOf('apps.connections.open').length;
    const connected = socket.connections.length;
    // Four 503s: one more than the app's own Web API retries, so only a longer retry policy gets through.
    for (let i = 0; i < 4; i += 1) slack.failNext('apps.connections.open', { status: 503 });
    socket.drop();
    // The client waits its clientPingTimeout (5 s) before reconnecting, then backs off on each 503 (about 6 s).
    await socket.waitForConnections(connected + 1, { timeoutMs: 40_000 });
    const reopened = slack.callsOf('apps.connections.open').slice(opened);
    assert.deepEqual(reopened.map((call) => call.status), [503, 503, 503, 503, 200]);
    assert.ok(reopened.every((call) => call.token === APP_TOKEN));

    const ts = freshTs();
    const ack = await mention('<@U0OHMYBOT> ulw write a teaser for the webinar', ts, 'Ev0SOCKET0004');
    assert.equal(ack.connection, connected + 1);
    await slack.waitFor((call) => inThread(ts)(call) && /^Route:/.test(shownText(call)));
    await h.settle();
    assert.equal((await h.app.services.repos.runs.ofProgram(program)).filter((run) => run.threadTs === ts).length, 1);
  });

  test('stopping the app closes its connection with a normal close frame', async () => {
    await h.app.stop();
    await socket.waitForNoConnection();
    const last = socket.connections[socket.connections.length - 1];
    assert.equal(last?.closeCode, 1000);
    assert.deepEqual(socket.unexpected, [], 'the client sent nothing but acks');
    assert.equal(new Set(socket.acks.map((ack) => ack.envelope_id)).size, socket.acks.length, 'each envelope was acked once');
  });
});
