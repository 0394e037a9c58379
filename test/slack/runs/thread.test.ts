// Progress in a run's thread: one progress message edited in place, and the assistant status where Slack allows it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WebClient } from '@slack/web-api';
import { createLogger } from '../../../src/logging.ts';
import { slackThread } from '../../../src/slack/runs/thread.ts';
import type { Run } from '../../../src/domain/runs.ts';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../../support/fake-slack.ts';
import { shownText } from '../../support/slack-text.ts';

let slack: FakeSlack;
before(async () => {
  slack = await startFakeSlack();
});
after(() => slack.close());

const run = { teamId: 'T1', channelId: 'C0PROGRESS', threadTs: '1764000000.000100' } as Run;
// What progress derives its steps from: the route and the state (the rest of a stored run is not read).
const full = { ...run, route: 'ultrawork', requesterId: 'U0PERSON01' } as Run;

test('without assistant status, the run still shows: its progress message is edited in place to the end', async () => {
  const thread = slackThread(new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }), createLogger('error', () => undefined));
  const working = { ...full, state: 'routing' } as Run;
  slack.failNext('assistant.threads.setStatus', { error: 'not_allowed' });
  await thread.working(working, 'growth-manager is working…');
  await thread.progress(working);
  await thread.progress({ ...working, state: 'executing' } as Run);
  const posted = slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === run.threadTs);
  assert.equal(posted.length, 1, 'one progress message');
  await thread.progress({ ...working, state: 'failed', failedIn: 'executing', error: 'Claude is unreachable' } as Run);
  const last = slack.callsOf('chat.update').at(-1);
  assert.equal(last?.args['ts'], posted[0]?.response['ts']);
  assert.match(shownText(last as SlackCall), /Claude is unreachable/);
});

test('a status is only a status: it posts no message', async () => {
  const thread = slackThread(new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl }), createLogger('error', () => undefined));
  const before = slack.callsOf('chat.postMessage').length;
  await thread.working({ ...run, threadTs: '1764000000.000200' }, 'working');
  assert.equal(slack.callsOf('chat.postMessage').length, before);
  assert.equal(slack.callsOf('assistant.threads.setStatus').at(-1)?.args['status'], 'working');
});

test('while a step works the status is set again before Slack clears it, and cleared once the run waits', async () => {
  const thread = slackThread(new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl }), createLogger('error', () => undefined), { statusRefreshMs: 20 });
  const working = { ...full, threadTs: '1764000000.000300', state: 'executing' } as Run;
  await thread.working(working, 'execution-manager is working…');
  const statuses = () => slack.callsOf('assistant.threads.setStatus').filter((c) => c.args['thread_ts'] === working.threadTs).map((c) => c.args['status']);
  await slack.waitFor((c) => c.method === 'assistant.threads.setStatus' && statuses().length >= 3);
  assert.ok(statuses().every((s) => s === 'execution-manager is working…'));
  await thread.progress({ ...working, state: 'awaiting_approval' } as Run);
  const settled = statuses().length;
  assert.equal(statuses().at(-1), '');
  await new Promise((tick) => setTimeout(tick, 80));
  assert.equal(statuses().length, settled, 'no refresh once the run waits for a person');
});

test('agents post under their own name and icon, which Slack refuses without chat:write.customize', async () => {
  const thread = slackThread(new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }), createLogger('error', () => undefined));
  const at = { ...full, threadTs: '1764000000.000400' } as Run;
  await thread.post(at, { type: 'delegation', from: 'execution-manager', to: 'seo-engineer', task: 'Fix the <https://evil.example|title> tags' });
  const line = slack.callsOf('chat.postMessage').at(-1);
  assert.equal(line?.args['username'], 'execution-manager · ohmymkt');
  assert.equal(line?.args['icon_emoji'], ':clipboard:');
  assert.match(JSON.stringify(line?.args['blocks']), /execution-manager → \*seo-engineer\*: Fix the &lt;https:\/\/evil.example\|title&gt; tags/);
  const narrow = await startFakeSlack({ scopes: ['chat:write', 'reactions:write'] });
  const refused = slackThread(new WebClient('xoxb-test', { slackApiUrl: narrow.apiUrl, retryConfig: { retries: 0 } }), createLogger('error', () => undefined));
  await assert.rejects(refused.post(at, { type: 'agent', agent: 'growth-manager', text: 'Brief.' }), /missing_scope/);
  assert.equal(narrow.callsOf('chat.postMessage').at(-1)?.response['needed'], 'chat:write.customize');
  await narrow.close();
});
