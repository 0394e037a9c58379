// Progress in a run's thread: assistant status where Slack allows it, else one message edited in place.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WebClient } from '@slack/web-api';
import { createLogger } from '../../../src/logging.ts';
import { slackThread } from '../../../src/slack/runs/thread.ts';
import type { Run } from '../../../src/domain/runs.ts';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.ts';

let slack: FakeSlack;
before(async () => {
  slack = await startFakeSlack();
});
after(() => slack.close());

const run = { teamId: 'T1', channelId: 'C0PROGRESS', threadTs: '1764000000.000100' } as Run;

test('without assistant status, progress is one thread message edited in place and closed at the end', async () => {
  const thread = slackThread(new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }), createLogger('error', () => undefined));
  slack.failNext('assistant.threads.setStatus', { error: 'not_allowed' });
  await thread.working(run, 'growth-manager is working…');
  slack.failNext('assistant.threads.setStatus', { error: 'not_allowed' });
  await thread.working(run, 'execution-manager is working…');
  const posted = slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === run.threadTs);
  assert.equal(posted.length, 1);
  assert.match(String(posted[0]?.args['text']), /growth-manager is working/);
  assert.match(String(slack.callsOf('chat.update').at(-1)?.args['text']), /execution-manager is working/);
  await thread.post(run, { type: 'failed', retryable: true, message: 'Execution failed: x' });
  assert.match(String(slack.callsOf('chat.update').at(-1)?.args['text']), /stopped/);
});

test('with assistant status, no progress message is posted', async () => {
  const thread = slackThread(new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl }), createLogger('error', () => undefined));
  const before = slack.callsOf('chat.postMessage').length;
  await thread.working({ ...run, threadTs: '1764000000.000200' }, 'working');
  assert.equal(slack.callsOf('chat.postMessage').length, before);
  assert.equal(slack.callsOf('assistant.threads.setStatus').at(-1)?.args['status'], 'working');
});
