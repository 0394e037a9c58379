// Content is signed off by a person: an asset a specialist moves to review is posted in the run's thread
// with Approve / Send back; an agent cannot approve it, someone who may not decide is told privately,
// the requester's click approves it once, and the card shows the decision.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { callTool, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { blockAction } from '../support/slack-requests.ts';
import { buttonsOf, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const STRANGER = 'U0STRANGER';

describe('asset review', () => {
  let h: Harness;
  let claude: FakeClaude;

  // A fresh app and store for each test, so each runs alone and a failure stays its own.
  beforeEach(async () => {
    ({ h, claude } = await startScenario());
    // content-writer drafts two posts and puts both up for review, then tries to approve one itself.
    const writer = [
      callTool('ohmymkt_asset_manifest', { action: 'add', type: 'social_post', name: 'Launch post', format: 'text', status: 'draft', notes: 'We are live: *faster* reports.' }),
      callTool('ohmymkt_asset_manifest', { action: 'update', id: 'AST-1', status: 'review' }),
      callTool('ohmymkt_asset_manifest', { action: 'add', type: 'email', name: 'Launch email', format: 'text', status: 'review', location: 'https://docs.example.com/launch-email' }),
      callTool('ohmymkt_asset_manifest', { action: 'update', id: 'AST-1', status: 'approved' }),
      say('Two assets are waiting for review: AST-1 and AST-2.'),
    ];
    scriptAgents(claude, {
      'growth-manager': () => say('Brief: launch copy for LinkedIn and email.'),
      'execution-manager': (request) =>
        toolResults(request).length === 0 ? callTool('delegate', { agent: 'content-writer', task: 'Write the launch post and email.' }) : say('Copy is in review.'),
      'content-writer': (_request, call) => writer[call] ?? say('done'),
    });
  });
  afterEach(() => stopScenario({ h, claude }));

  const card = (threadTs: string, assetId: string): SlackCall | undefined =>
    h.slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === threadTs && buttonsOf(c).some((b) => b.text.text === 'Approve' && b.value.includes(`"${assetId}"`)));
  const click = (threadTs: string, posted: SlackCall, label: string, userId: string) => {
    const button = buttonsOf(posted).find((b) => b.text.text === label);
    assert.ok(button, `no ${label} button`);
    return h.post(blockAction({ actionId: button.action_id, value: button.value, userId, channelId: CHANNEL, messageTs: String(posted.response['ts']), threadTs }));
  };
  const privately = (userId: string) => h.slack.callsOf('chat.postEphemeral').filter((c) => c.args['user'] === userId).map(shownText);

  test('each asset moved to review is posted with Approve / Send back, and the agent cannot approve it', async () => {
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> ulw write the launch post and email', { ts: threadTs });
    const post = card(threadTs, 'AST-1');
    const email = card(threadTs, 'AST-2');
    assert.ok(post && email, h.slack.callsOf('chat.postMessage').map(shownText).join('\n---\n'));
    assert.match(shownText(post), /AST-1 · Launch post[\s\S]*Nothing is published until a person approves it[\s\S]*social post/);
    assert.match(shownText(post), /\*Type:\* social post  ·  \*Format:\* text  ·  \*Where:\* —\nWe are live: \*faster\* reports\./);
    assert.match(shownText(email), /<https:\/\/docs\.example\.com\/launch-email\|open>/);
    assert.deepEqual(buttonsOf(post).map((b) => b.text.text), ['Approve', 'Send back to draft']);
    const refusals = claude.requests.flatMap((r) => toolResults(r.body)).filter((r) => r.is_error).map((r) => r.content);
    assert.deepEqual(refusals.map((text) => text.split(':')[0]), ['refused (forbidden)']);
    assert.match(refusals[0] ?? '', /only a person approves AST-1/);
    assert.equal((await h.app.services.repos.assets.get(program, 'AST-1'))?.value.status, 'review');
    const report = h.slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === threadTs && /Closing report/.test(shownText(c)));
    assert.match(shownText(report as SlackCall), /Waiting for a person\*\n• AST-1 Launch post — waiting for Approve or Send back on its card\n• AST-2 Launch email/);

    await click(threadTs, post, 'Approve', STRANGER);
    assert.match(privately(STRANGER).join('\n'), /only the person who asked or an approver of this channel \(`\/ohmymkt approvers`\) may approve or send back this asset/);
    assert.equal((await h.app.services.repos.assets.get(program, 'AST-1'))?.value.status, 'review');

    await click(threadTs, post, 'Approve', PERSON);
    assert.equal((await h.app.services.repos.assets.get(program, 'AST-1'))?.value.status, 'approved');
    const updated = h.slack.callsOf('chat.update').find((c) => c.args['ts'] === post.response['ts']);
    assert.ok(updated);
    assert.match(shownText(updated), /Approved by <@U0PERSON01>[\s\S]*To publish it, configure a publish provider \([^)]*X[^`]*`\/ohmymkt provider`/);
    assert.deepEqual(buttonsOf(updated), []);
    const audit = (await h.app.services.repos.audit.list(program)).map((row) => row.entry).filter((e) => e.action === 'asset.approve');
    assert.deepEqual(audit.map((e) => [e.detail['id'], e.actor.userId, e.actor.surface]), [['AST-1', PERSON, 'action']]);

    const updates = h.slack.callsOf('chat.update').length;
    await click(threadTs, post, 'Approve', PERSON);
    assert.equal(h.slack.callsOf('chat.update').length, updates, 'a second click changes nothing');
    assert.match(privately(PERSON).join('\n'), /AST-1 is approved, no longer waiting for review/);

    await click(threadTs, email, 'Send back to draft', PERSON);
    assert.equal((await h.app.services.repos.assets.get(program, 'AST-2'))?.value.status, 'draft');
    const sentBack = h.slack.callsOf('chat.update').find((c) => c.args['ts'] === email.response['ts']);
    assert.match(shownText(sentBack as SlackCall), /Sent back to draft by <@U0PERSON01>/);
  });
});
