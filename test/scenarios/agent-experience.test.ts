// A run as people see it in Slack, through the real Bolt app, the fake Slack and the fake Claude: agents post
// under their own names, delegations are one line each, one progress message follows the run's states with its
// task statuses, the reaction on the request follows its mood, and the closing report ends with what it cost.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { callTool, COMPLETE_REQUIREMENTS, reviewWith, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import type { SlackArgs, SlackCall } from '../support/fake-slack.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { blockAction, newTriggerId } from '../support/slack-requests.ts';
import { buttonValue, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

/** The progress message's plan block as each post or update of it showed it, in order. */
function planStates(h: Harness, threadTs: string): Array<{ title: string; tasks: Array<{ task_id: string; title: string; status: string; output?: unknown }> }> {
  const posted = h.slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === threadTs && planOf(c.args));
  assert.ok(posted, 'no progress message with a plan block in the thread');
  const ts = posted.response['ts'];
  const updates = h.slack.callsOf('chat.update').filter((c) => c.args['ts'] === ts && c.response['ok'] === true);
  return [posted, ...updates].map((c) => planOf(c.args)).filter((plan) => plan !== undefined);
}

function planOf(args: SlackArgs): any {
  return (args['blocks'] as Array<{ type: string }> | undefined)?.find((block) => block.type === 'plan');
}

const statusOf = (plan: { tasks: Array<{ task_id: string; status: string }> }, id: string) => plan.tasks.find((task) => task.task_id === id)?.status;

/** The reactions on the request, in order: `+eyes`, `-eyes`, … */
function marks(h: Harness, threadTs: string): string[] {
  return h.slack.calls
    .filter((c) => (c.method === 'reactions.add' || c.method === 'reactions.remove') && c.args['timestamp'] === threadTs && c.response['ok'] === true)
    .map((c) => `${c.method === 'reactions.add' ? '+' : '-'}${String(c.args['name'])}`);
}

const inThread = (h: Harness, threadTs: string) => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs && c.response['ok'] === true);

describe('a run as the hierarchy\'s conversation', () => {
  let h: Harness;
  let claude: FakeClaude;

  beforeEach(async () => {
    ({ h, claude } = await startScenario());
  });
  afterEach(() => stopScenario({ h, claude }));

  test('agents speak as themselves, delegations are one line, the plan follows the run, the reaction ends ✅, the report ends with its cost', async () => {
    // A model with a list price, and cache reads, so the cost line has figures to show.
    const usage = { input_tokens: 1000, output_tokens: 200, cache_read_input_tokens: 3000 };
    scriptAgents(claude, {
      'growth-manager': () => ({ ...say('Brief: competitor research, then three LinkedIn posts.'), usage }),
      'execution-manager': (request) => {
        const done = toolResults(request).length;
        if (done === 0) return { ...callTool('delegate', { agent: 'research-agent', task: 'Competitor profiles for the webinar <!channel> push' }), usage };
        if (done === 1 && toolResults(request)[0]?.content.includes('Acme')) return { ...callTool('delegate', { agent: 'content-writer', task: 'Three LinkedIn posts from the profiles' }), usage };
        return { ...say('Research and three drafts delivered.'), usage };
      },
      'research-agent': () => ({ ...say('Acme, Globex and Initech profiled.'), usage }),
      'content-writer': () => ({ ...say('Post 1… Post 2… Post 3…'), usage }),
    });
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> ulw research competitors and draft LinkedIn posts about our webinar', { ts: threadTs });
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'done');

    const posts = inThread(h, threadTs);
    const by = (name: string) => posts.filter((c) => c.args['username'] === `${name} · ohmymkt`);
    assert.ok(by('growth-manager').some((c) => /Brief: competitor research/.test(shownText(c))), 'growth-manager frames in its own name');
    assert.equal(by('growth-manager')[0]?.args['icon_emoji'], ':chart_with_upwards_trend:');
    const delegations = by('execution-manager').map(shownText).filter((text) => text.includes('→'));
    // As the line shows (its block; the notification text repeats it).
    assert.deepEqual(
      delegations.map((text) => text.split('\n').at(-1)),
      ['execution-manager → *research-agent*: Competitor profiles for the webinar <!channel> push', 'execution-manager → *content-writer*: Three LinkedIn posts from the profiles'],
    );
    // The model's words reach Slack escaped: the broadcast is shown, never sent.
    assert.ok(by('execution-manager').every((c) => !JSON.stringify(c.args['blocks']).includes('<!channel>')));
    assert.match(shownText(by('research-agent')[0] as SlackCall), /Acme, Globex and Initech profiled/);
    assert.match(shownText(by('content-writer')[0] as SlackCall), /Post 1/);
    // The app's own posts (the route line, the progress message) carry no agent's name.
    assert.equal(posts[0]?.args['username'], undefined);

    const plans = planStates(h, threadTs);
    assert.deepEqual(plans[0]?.tasks.map((t) => t.task_id), ['frame', 'execute', 'report']);
    assert.equal(statusOf(plans[0]!, 'frame'), 'in_progress');
    const delegating = plans.find((plan) => statusOf(plan, 'delegation-1') === 'in_progress');
    assert.ok(delegating, 'a card for the delegated task while research-agent works');
    assert.equal(statusOf(delegating, 'execute'), 'in_progress');
    assert.equal(statusOf(delegating, 'frame'), 'complete');
    const last = plans.at(-1)!;
    assert.equal(last.title, 'Done');
    assert.deepEqual(last.tasks.map((t) => [t.task_id, t.status]), [
      ['frame', 'complete'],
      ['execute', 'complete'],
      ['delegation-1', 'complete'],
      ['delegation-2', 'complete'],
      ['report', 'complete'],
    ]);
    assert.match(JSON.stringify(last.tasks[2]?.output), /Acme, Globex and Initech profiled/);
    assert.equal(h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs && planOf(c.args)).length, 1, 'one progress message');

    assert.deepEqual(marks(h, threadTs), ['+eyes', '+white_check_mark', '-eyes']);

    const report = posts.filter((c) => /Closing report/.test(shownText(c))).at(-1);
    assert.ok(report, 'no closing report');
    assert.equal(report.args['username'], 'growth-manager · ohmymkt');
    const lastBlock = (report.args['blocks'] as unknown[]).at(-1);
    // Seven calls of 1,000 uncached + 3,000 cached input tokens and 200 output tokens, at list prices: five
    // managers' on claude-sonnet-5-5 ($0.0043 each), two specialists' on claude-haiku-5-5 ($0.00023 each).
    assert.match(JSON.stringify(lastBlock), /28,000 input tokens \(75% cached\) · 1,400 output tokens · cost \$0\.02"/);
  });

  test('a planned run: ⏸ while it waits for approval, 👀 again once approved, ✅ at the end; the plan shows each step', async () => {
    scriptAgents(claude, {
      'growth-manager': () => say('Brief for the analyst.'),
      'requirements-analyst': (request) =>
        toolResults(request).length > 0 ? say('Requirements written.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS }),
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
      'execution-manager': () => say('Executed the approved plan.'),
    });
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> grow demo requests from 40 to 70 a month', { ts: threadTs });
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'awaiting_approval');
    const waiting = planStates(h, threadTs).at(-1)!;
    assert.equal(waiting.title, 'Waiting for a person');
    assert.deepEqual(waiting.tasks.map((t) => [t.task_id, t.status]), [
      ['frame', 'complete'],
      ['clarify', 'complete'],
      ['review', 'complete'],
      ['approval', 'in_progress'],
      ['execute', 'pending'],
      ['report', 'pending'],
    ]);
    assert.match(JSON.stringify(waiting.tasks[3]?.output), /waiting for Approve or Reject/);
    assert.deepEqual(marks(h, threadTs), ['+eyes', '+double_vertical_bar', '-eyes']);
    // Waiting for a person is not "working": the status is cleared.
    assert.equal(h.slack.callsOf('assistant.threads.setStatus').filter((c) => c.args['thread_ts'] === threadTs).at(-1)?.args['status'], '');

    const card = inThread(h, threadTs).find((c) => buttonValue(c, 'ohmymkt:plan:approve') !== undefined);
    assert.ok(card);
    await h.post(
      blockAction({ actionId: 'ohmymkt:plan:approve', value: buttonValue(card, 'ohmymkt:plan:approve') ?? '', userId: PERSON, channelId: CHANNEL, messageTs: String(card.response['ts']), threadTs, triggerId: newTriggerId() }),
    );
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'done');
    assert.deepEqual(marks(h, threadTs), ['+eyes', '+double_vertical_bar', '-eyes', '+eyes', '-double_vertical_bar', '+white_check_mark', '-eyes']);
    assert.ok(planStates(h, threadTs).at(-1)!.tasks.every((t) => t.status === 'complete'));
    const analyst = inThread(h, threadTs).filter((c) => c.args['username'] === 'requirements-analyst · ohmymkt');
    assert.ok(analyst.length > 0, 'the analyst speaks in its own name');
  });

  test('a run started by `/ohmymkt ulw` gets the same marks on its own parent message', async () => {
    scriptAgents(claude, { 'growth-manager': () => say('Brief.'), 'execution-manager': () => say('Done it.') });
    await h.command('ulw draft a newsletter intro');
    await h.settle();
    const parent = h.slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === undefined && /asked: draft a newsletter intro/.test(String(c.args['text'])));
    assert.ok(parent, 'no parent message for the run');
    assert.deepEqual(marks(h, String(parent.response['ts'])), ['+eyes', '+white_check_mark', '-eyes']);
  });

  test('where the workspace refuses plan blocks, progress goes on as plain sections', async () => {
    h.slack.refuseBlockTypes(['plan', 'task_card']);
    scriptAgents(claude, {
      'growth-manager': () => say('Brief.'),
      'execution-manager': () => say('Done it.'),
    });
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> ulw draft a newsletter intro', { ts: threadTs });
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'done');
    const refused = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs && c.response['error'] === 'invalid_blocks');
    assert.equal(refused.length, 1, 'plan blocks are tried once, then not again');
    const progress = inThread(h, threadTs).find((c) => /steps complete/.test(String(c.args['text'])));
    assert.ok(progress, 'no progress message in sections');
    const final = h.slack.callsOf('chat.update').filter((c) => c.args['ts'] === progress.response['ts']).at(-1);
    assert.match(shownText(final as SlackCall), /Done[\s\S]*:white_check_mark: Frame the request[\s\S]*:white_check_mark: Execute[\s\S]*:white_check_mark: Closing report/);
  });

  test('a failed run is marked ❌ and its card shows the error; a cancelled one 🛑', async () => {
    const threadTs = freshTs();
    scriptAgents(claude, { 'growth-manager': () => ({ content: [{ type: 'text', text: 'I cannot help with that.' }], stop_reason: 'refusal' }) });
    await h.mention('<@U0OHMYBOT> ulw draft a newsletter intro', { ts: threadTs });
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'failed');
    assert.deepEqual(marks(h, threadTs), ['+eyes', '+x', '-eyes']);
    const failed = planStates(h, threadTs).at(-1)!;
    assert.equal(failed.title, 'Stopped by an error');
    assert.equal(statusOf(failed, 'frame'), 'error');
    assert.match(JSON.stringify(failed.tasks[0]?.output), /declined/);
    const second = freshTs();
    scriptAgents(claude, {
      'growth-manager': () => say('Brief for the analyst.'),
      'requirements-analyst': () => callTool('ask_in_thread', { question: 'Which region?' }),
    });
    await h.mention('<@U0OHMYBOT> grow demo requests', { ts: second });
    assert.equal((await h.app.services.repos.runs.get(program, second))?.state, 'awaiting_answer');
    await h.post(blockAction({ actionId: 'ohmymkt:run:cancel', value: second, userId: PERSON, channelId: CHANNEL, messageTs: second, threadTs: second, triggerId: newTriggerId() }));
    assert.equal((await h.app.services.repos.runs.get(program, second))?.state, 'cancelled');
    assert.deepEqual(marks(h, second), ['+eyes', '+double_vertical_bar', '-eyes', '+octagonal_sign', '-double_vertical_bar']);
    const cancelled = planStates(h, second).at(-1)!;
    assert.equal(cancelled.title, 'Cancelled');
    assert.equal(statusOf(cancelled, 'clarify'), 'error');
  });
});

describe('the cost of a run on models without a known price', () => {
  let h: Harness;
  let claude: FakeClaude;

  beforeEach(async () => {
    ({ h, claude } = await startScenario(undefined, { OHMYMKT_MODEL: 'claude-sonnet-4-6', OHMYMKT_FAST_MODEL: 'claude-haiku-4-5' }));
  });
  afterEach(() => stopScenario({ h, claude }));

  test('shows as unknown, never as $0', async () => {
    scriptAgents(claude, { 'growth-manager': () => say('Brief.'), 'execution-manager': () => say('Done it.') });
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> ulw draft a newsletter intro', { ts: threadTs });
    const report = inThread(h, threadTs).filter((c) => /Closing report/.test(shownText(c))).at(-1);
    assert.ok(report, 'no closing report');
    const lastBlock = JSON.stringify((report.args['blocks'] as unknown[]).at(-1));
    assert.match(lastBlock, /input tokens \(\d+% cached\) · [\d,]+ output tokens · cost unknown/);
    assert.doesNotMatch(lastBlock, /\$0/);
  });
});
