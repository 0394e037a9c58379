// The provider failure runbook end to end: a generation tool finds no image provider, the thread
// offers Configure buttons, the person saves the provider in the modal, the call is retried once and
// succeeds — and the failing variant, where the retry fails, continues without the channel and opens
// a low incident. The secret never leaves the modal: not in Slack calls, logs or Claude requests.
// Each test starts its own app, store and provider API and replays the steps before the one it checks.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { callTool, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { fakeOpenAiImages } from '../support/providers/image-apis.ts';
import type { FakeApi } from '../support/providers/fake-api.ts';
import { blockAction, newTriggerId, viewSubmission } from '../support/slack-requests.ts';
import { buttonsOf, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const SECRET = 'sk-live-openai-secret-0123456789abcdef';

describe('provider failure runbook', () => {
  let h: Harness;
  let claude: FakeClaude;
  let openai: FakeApi;

  beforeEach(async () => {
    openai = await fakeOpenAiImages(SECRET);
    ({ h, claude } = await startScenario(undefined, { OHMYMKT_SECRET_KEY: 'a-very-long-test-secret-key-of-40-characters', OHMYMKT_PROVIDER_HOSTS: `openai_images=${openai.origin}` }));
    scriptAgents(claude, {
      'growth-manager': () => say('Brief: a hero image for the webinar page.'),
      'execution-manager': (request) =>
        toolResults(request).length === 0 ? callTool('delegate', { agent: 'content-writer', task: 'Make the webinar hero image.' }) : say('Image step reported.'),
      'content-writer': (request) =>
        toolResults(request).length === 0
          ? callTool('ohmymkt_generate_image', { prompt: 'A calm webinar stage, brand blue', name: 'Webinar hero', aspect: '1:1' })
          : say('No image provider yet; continuing with copy only.'),
    });
  });
  afterEach(async () => {
    await stopScenario({ h, claude });
    await openai.close();
  });

  async function startRun(expected: RegExp): Promise<{ threadTs: string; problem: SlackCall }> {
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> ulw make a hero image for the webinar page', { ts: threadTs });
    const posts = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs);
    const problem = posts.find((c) => buttonsOf(c).some((b) => b.text.text === 'Configure OpenAI Images'));
    assert.ok(problem, `no Configure button in the thread:\n${posts.map(shownText).join('\n---\n')}`);
    assert.match(shownText(problem), expected);
    const report = posts.find((c) => /Closing report/.test(shownText(c)));
    assert.ok(report, posts.map(shownText).join("\n---\n"));
    assert.match(shownText(report as SlackCall), /Blocked channels[\s\S]*Image generation/);
    return { threadTs, problem };
  }

  async function configure(problem: SlackCall, threadTs: string, apiKey: string): Promise<void> {
    const button = buttonsOf(problem).find((b) => b.text.text === 'Configure OpenAI Images');
    assert.ok(button);
    await h.post(blockAction({ actionId: button.action_id, value: button.value, userId: PERSON, channelId: CHANNEL, messageTs: String(problem.response['ts']), threadTs, triggerId: newTriggerId() }));
    const opened = h.slack.callsOf('views.open').at(-1);
    assert.ok(opened, `the provider form did not open: ${h.logs.slice(-5).join("\n")}`);
    const view = opened.args['view'] as { callback_id: string; private_metadata: string };
    await h.post(
      viewSubmission({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: {
          'field:apiKey': { value: { type: 'plain_text_input', value: apiKey } },
          'field:baseUrl': { value: { type: 'plain_text_input', value: `${openai.origin}/v1` } },
        },
        userId: PERSON,
        viewId: String((opened.response['view'] as { id: string }).id),
      }),
    );
  }

  /** No provider yet → Configure with a wrong key: the retry fails and INC-1 is opened. */
  async function configuredWrong(): Promise<string> {
    const { threadTs, problem } = await startRun(/No image generation provider is configured/);
    await configure(problem, threadTs, 'sk-wrong-key-00000000000000');
    return threadTs;
  }

  /** With the wrong key saved, a new run finds the provider misconfigured; Configure with the right key. */
  async function configuredRight(): Promise<string> {
    const { threadTs, problem } = await startRun(/OpenAI Images failed \(misconfigured\)/);
    await configure(problem, threadTs, SECRET);
    return threadTs;
  }

  test('a retry that still fails continues without the channel and opens a low incident', async () => {
    const threadTs = await configuredWrong();
    const posts = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs).map(shownText);
    assert.ok(posts.some((p) => /still fails after the fix[\s\S]*Continuing without the image generation channel; low incident INC-1 opened/.test(p)), posts.join('\n---\n'));
    const incident = await h.app.services.repos.incidents.get(program, 'INC-1');
    assert.equal(incident?.value.severity, 'low');
    assert.match(incident?.value.summary ?? '', /openai_images/);
    const report = (await h.command('report 7d post')).replies.find((c) => c.method === 'chat.postMessage');
    assert.match(shownText(report as SlackCall), /P2 1|low.*1|1.*P2/s);
  });

  test('a misconfigured provider → Configure with the right key → the call is retried once and succeeds', async () => {
    await configuredWrong();
    const threadTs = await configuredRight();
    const posts = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs).map(shownText);
    assert.ok(posts.some((p) => /ran again and succeeded/.test(p)), posts.join('\n---\n'));
    assert.ok(h.slack.callsOf('files.completeUploadExternal').length >= 1, 'the image was shared in the thread');
    const [asset] = await h.app.services.repos.assets.list(program);
    assert.equal(asset?.status, 'draft', 'the retried call reused the planned manifest entry and generated it');
    const run = await h.app.services.repos.runs.get(program, threadTs);
    assert.equal(run?.providerIssues[0]?.status, 'resolved');
  });

  test('the secret never appears in a Slack call, a log line or a Claude request', async () => {
    await configuredWrong();
    await configuredRight();
    const everything = [JSON.stringify(h.slack.calls.filter((c) => c.method !== 'view_submission')), h.logs.join('\n'), JSON.stringify(claude.requests)].join('\n');
    assert.equal(everything.includes(SECRET), false);
    assert.equal(everything.includes('sk-wrong-key-00000000000000'), false);
  });
});
