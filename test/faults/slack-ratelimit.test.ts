// Slack answering chat.postMessage with 429 and Retry-After in the middle of a run: the Web API client
// waits and resends, so every message of the run lands exactly once and the run completes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CHANNEL, freshTs, startHarness, type Harness } from '../support/app-harness.ts';
import { say, scriptAgents } from '../support/claude-scripts.ts';
import { startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

describe('Slack rate limits during a run', () => {
  let h: Harness;
  let claude: FakeClaude;
  before(async () => {
    claude = await startFakeClaude();
    h = await startHarness({ env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: claude.baseUrl } });
  });
  after(async () => {
    await h.stop();
    await claude.close();
  });

  test('429s on the first reply and on a reply mid-run: each message still lands once', async () => {
    scriptAgents(claude, {
      'growth-manager': () => say('Brief ready.'),
      'execution-manager': () => {
        // Whatever the run posts next (its result) meets the rate limit first.
        h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
        return say('Executed: the pricing page copy is refreshed.');
      },
    });
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const ts = freshTs();
    await h.mention('<@U0OHMYBOT> ulw refresh the pricing page copy', { ts });

    const attempts = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === ts);
    assert.equal(attempts.filter((c) => c.status === 429).length, 2, 'both rate limits were met');
    const landed = attempts.filter((c) => c.status === 200 && c.response['ok'] === true).map(shownText);
    assert.deepEqual(landed.filter((text, i) => landed.indexOf(text) !== i), [], 'no message landed twice');
    assert.equal(landed.filter((text) => /Route:/.test(text)).length, 1);
    assert.equal(landed.filter((text) => /Closing report/.test(text)).length, 1);
    const shown = h.slack.thread(CHANNEL, ts).map((m) => m.ts);
    assert.equal(new Set(shown).size, shown.length);
    assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'done');
  });
});
