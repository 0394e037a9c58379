// Plans people can read: the card shows the template's sections collapsed to their headings, and
// "View full plan" opens the whole plan in a modal, in the same words the agents are handed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { planOutline, planText } from '../../src/domain/plan-text.ts';
import type { Plan } from '../../src/domain/plans.ts';
import { analystTask, reviewerTask } from '../../src/runs/tasks.ts';
import { writeRequirements } from '../../src/services/plan-drafts.ts';
import { createPlan } from '../../src/services/plans.ts';
import { threadMessages } from '../../src/slack/runs/blocks.ts';
import { CHANNEL, PERSON, startHarness, type Harness } from '../support/app-harness.ts';
import { COMPLETE_REQUIREMENTS } from '../support/claude-scripts.ts';
import { blockAction, newTriggerId } from '../support/slack-requests.ts';
import { buttonValue, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const SECTIONS = ['Startup gates', 'KPIs', 'Roles', 'Workstreams', 'Modules', 'Cycle cadence', 'Incident protocol', 'Initial checklist'];

describe('plans people can read', () => {
  let h: Harness;
  let plan: Plan;

  before(async () => {
    h = await startHarness();
    const actor = { userId: PERSON, surface: 'slash' as const };
    const created = await createPlan(h.app.services, program, actor, 'Grow demo requests from 40 to 70 a month');
    assert.ok(created.ok);
    const r = COMPLETE_REQUIREMENTS;
    const written = await writeRequirements(h.app.services, program, actor, created.value.id, {
      objective: r.objective, channels: r.channels, boundaries: r.boundaries, timeline: r.timeline, budget: r.budget,
      acceptanceCriteria: r.acceptance_criteria, rollbackRoute: r.rollback_route, owners: r.owners,
    });
    assert.ok(written.ok);
    plan = written.value;
  });
  after(() => h.stop());

  test('the plan text holds the requirements and every template section, and the agents are handed it', () => {
    const text = planText(plan);
    for (const heading of ['Requirements', ...SECTIONS]) assert.match(text, new RegExp(`^${heading}$`, 'm'), heading);
    assert.match(text, /^Objective: Grow qualified demo requests from 40 to 70 per month by 2027-01-31$/m);
    assert.ok(reviewerTask(plan).includes(text));
    assert.ok(analystTask({ request: 'grow demos', answers: [], feedback: [], requesterId: PERSON } as never, plan).includes(text));
  });

  test('the card lists the sections collapsed to their headings and offers View full plan', () => {
    const [card] = threadMessages({ type: 'plan', plan, kind: 'plan' }, '1700000000.000100');
    assert.ok(card);
    const shown = shownText({ args: { text: card.text, blocks: card.blocks } } as never);
    assert.match(shown, new RegExp(planOutline(plan).map((o) => o.replace(/[()]/g, '\\$&')).join(' · ')));
    assert.ok(buttonValue({ args: { blocks: card.blocks } } as never, 'ohmymkt:plan:view'));
  });

  test('View full plan opens a modal with the whole plan, for anyone in the channel', async () => {
    const value = JSON.stringify({ threadTs: '1700000000.000100', planId: plan.id, version: plan.version });
    await h.post(blockAction({ actionId: 'ohmymkt:plan:view', value, userId: 'U0SOMEONE1', channelId: CHANNEL, messageTs: '1700000000.000200', threadTs: '1700000000.000100', triggerId: newTriggerId() }));
    const opened = h.slack.callsOf('views.open').at(-1);
    assert.ok(opened, 'no modal opened');
    const view = opened.args['view'] as { title: { text: string }; blocks: Array<{ type: string; text?: { text: string } }> };
    assert.equal(view.title.text, `${plan.id} v${plan.version}`);
    const headers = view.blocks.filter((b) => b.type === 'header').map((b) => b.text?.text);
    for (const heading of ['Requirements', ...SECTIONS]) assert.ok(headers.includes(heading), heading);
    assert.ok(view.blocks.length <= 100);
  });
});
