// The analyst asks in the thread when the checklist lacks something; the person's reply in the thread
// resumes the run; `cancel` in the thread stops it cleanly. Each test starts its own app and store and
// replays the steps before the one it checks, so any test runs alone.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { callTool, COMPLETE_REQUIREMENTS, say, scriptAgents, toolResults, reviewWith } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { eventCallback, threadMessage } from '../support/slack-requests.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

describe('clarifying in the thread', () => {
  let h: Harness;
  let claude: FakeClaude;
  const threadTs = freshTs();

  beforeEach(async () => {
    ({ h, claude } = await startScenario());
    scriptAgents(claude, {
      'growth-manager': () => say('Framed: a newsletter relaunch.'),
      'requirements-analyst': (request) => {
        const [result] = toolResults(request);
        if (result === undefined) return callTool('ask_in_thread', { question: '1. What budget, in euros? 2. Who owns the newsletter?' });
        // The person's answer comes back as the result of the analyst's own question.
        if (/Sam owns the newsletter/.test(result.content)) return callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS });
        return say('Requirements written with the budget from the thread.');
      },
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
    });
  });
  afterEach(() => stopScenario({ h, claude }));

  const posts = () => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs).map(shownText);
  const reply = (text: string) =>
    h.post(eventCallback({ event: threadMessage({ channel: CHANNEL, user: PERSON, text, ts: freshTs(), threadTs }) }));
  const asked = () => h.mention('<@U0OHMYBOT> relaunch our newsletter with a €3,000 budget', { ts: threadTs });

  test('a missing item becomes a question in the thread and the run waits', async () => {
    await asked();
    assert.ok(posts().some((p) => /What budget, in euros\?/.test(p)));
    const run = await h.app.services.repos.runs.get(program, threadTs);
    assert.equal(run?.state, 'awaiting_answer');
  });

  test('a message outside the thread or from a bot does not answer it', async () => {
    await asked();
    await h.post(eventCallback({ event: { ...threadMessage({ channel: CHANNEL, user: PERSON, text: 'unrelated', ts: freshTs(), threadTs: '1700000000.000001' }) } }));
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'awaiting_answer');
  });

  test('the reply in the thread resumes the run to the plan posted for approval', async () => {
    await asked();
    await reply('€3,000, and Sam owns the newsletter');
    const run = await h.app.services.repos.runs.get(program, threadTs);
    assert.equal(run?.state, 'awaiting_approval');
    assert.equal(run?.answers[0]?.text, '€3,000, and Sam owns the newsletter');
    assert.ok(posts().some((p) => /PLAN-1 v1/.test(p)));
    const resumed = claude.requests.find((r) => JSON.stringify(r.body['messages']).includes('Sam owns the newsletter'));
    const messages = resumed?.body['messages'] as Array<{ role: string; content: unknown }>;
    assert.equal(messages.length, 3, 'the answer continues the conversation that asked: task, question, answer');
    assert.match(JSON.stringify(messages[1]), /ask_in_thread/);
  });

  test('`cancel` in the thread stops the run cleanly', async () => {
    await asked();
    await reply('€3,000, and Sam owns the newsletter');
    await reply('cancel');
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'cancelled');
    assert.ok(posts().some((p) => /Run cancelled by <@U0PERSON01>/.test(p)));
  });
});
