// Bad input never kills the process: signed bodies that are not Slack payloads get 400 and a log
// line, a signature dated in the future is refused like a stale one, /healthz stays 200, and an
// unhandled rejection inside a request is that request's failure only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../src/logging.ts';
import { bodyProblem, onUnhandledRejection, withRequestScope } from '../../src/slack/receiver.ts';
import { SIGNING_SECRET, startHarness, type Harness } from '../support/app-harness.ts';
import { sign, slashCommand } from '../support/slack-requests.ts';

async function sendSigned(h: Harness, raw: string, contentType: string, timestamp = Math.floor(Date.now() / 1000)): Promise<number> {
  const response = await fetch(h.url, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(SIGNING_SECRET, timestamp, raw) },
    body: raw,
  });
  await response.text();
  return response.status;
}

describe('bad input', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  const MALFORMED: Array<[string, string, string]> = [
    ['JSON null', 'null', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a JSON string', '"hello"', 'application/json'],
    ['an event without its event', '{"type":"event_callback","team_id":"T1","event":null}', 'application/json'],
    ['an unknown envelope', '{"type":"nonsense"}', 'application/json'],
    ['payload=null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['a payload array', `payload=${encodeURIComponent('[]')}`, 'application/x-www-form-urlencoded'],
    ['block actions without actions', `payload=${encodeURIComponent('{"type":"block_actions","user":{"id":"U1"}}')}`, 'application/x-www-form-urlencoded'],
    ['a form that is no command', 'text=hello', 'application/x-www-form-urlencoded'],
    ['not JSON at all', '{oops', 'application/json'],
  ];

  for (const [name, raw, contentType] of MALFORMED) {
    test(`a signed ${name} gets 400 and a log line, and the app stays up`, async () => {
      const logged = h.logs.length;
      assert.equal(await sendSigned(h, raw, contentType), 400);
      assert.ok(h.logs.slice(logged).some((line) => /request_malformed|Malformed request body/.test(line)), h.logs.slice(logged).join('\n'));
      assert.equal((await fetch(h.url.replace('/slack/events', '/healthz'))).status, 200);
    });
  }

  test('a signature dated more than five minutes ahead is refused like a stale one', async () => {
    const body = new URLSearchParams(slashCommand({ text: 'status', userId: 'U0PERSON01', channelId: 'C0PROGRAM1', responseUrl: h.slack.newResponseUrl() })).toString();
    const future = Math.floor(Date.now() / 1000) + 6 * 60;
    assert.equal(await sendSigned(h, body, 'application/x-www-form-urlencoded', future), 401);
    assert.equal(await sendSigned(h, body, 'application/x-www-form-urlencoded', future - 6 * 60 - 6 * 60), 401);
    assert.equal(await sendSigned(h, body, 'application/x-www-form-urlencoded'), 200);
  });

  test('the shapes Slack really sends pass the screen', () => {
    assert.equal(bodyProblem('application/json', '{"type":"url_verification","challenge":"c"}'), undefined);
    assert.equal(bodyProblem('application/x-www-form-urlencoded', 'ssl_check=1&token=x'), undefined);
  });
});

describe('unhandled rejections', () => {
  test('inside a request: logged with its request id, the process goes on; outside any request: fatal', () => {
    const lines: string[] = [];
    const exits: number[] = [];
    const handler = onUnhandledRejection(createLogger('error', (line) => lines.push(line)), (code) => exits.push(code));
    withRequestScope('req-42', () => handler(new Error('listener blew up')));
    assert.deepEqual(exits, []);
    assert.match(lines[0] ?? '', /"requestId":"req-42"/);
    handler(new Error('socket client gave up'));
    assert.deepEqual(exits, [1]);
    assert.match(lines[1] ?? '', /fatal/);
  });
});
