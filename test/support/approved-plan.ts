// A program ready to start its campaign, set up the way people would: an approved plan (through the
// services a review and an Approve click go through) and the seo-aeo gates passing (through slash commands).
import assert from 'node:assert/strict';
import { CHECKLIST_KEYS } from '../../src/domain/checklist.ts';
import type { Actor } from '../../src/domain/program.ts';
import { writeRequirements } from '../../src/services/plan-drafts.ts';
import { createPlan, decidePlan, recordPlanReview } from '../../src/services/plans.ts';
import { startCampaign } from '../../src/services/campaign.ts';
import { CHANNEL, PERSON, type Harness } from './app-harness.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const person: Actor = { userId: PERSON, surface: 'slash' };

/** An approved plan in the store, as a person's Approve click leaves it. */
export async function approvedPlan(h: Harness): Promise<string> {
  const services = h.app.services;
  const created = await createPlan(services, program, person, 'Grow demo requests from 40 to 60 a month');
  assert.ok(created.ok);
  const filled = await writeRequirements(services, program, person, created.value.id, {
    objective: 'demo requests from 40 to 60 per month by 2027-03-31',
    channels: ['LinkedIn organic'],
    boundaries: ['no paid spend'],
    timeline: '2027-01-04 → 2027-03-31',
    budget: 'no paid spend',
    acceptanceCriteria: ['60 demo requests in March per the CRM'],
    rollbackRoute: 'SQL rate below 30% → pause the CTA → tell #growth',
    owners: [{ deliverable: 'posts', owner: 'Dana' }],
  });
  assert.ok(filled.ok);
  const target = { id: filled.value.id, version: filled.value.version };
  const reviewed = await recordPlanReview(services, program, person, target, CHECKLIST_KEYS.map((key) => ({ key, pass: true, reason: 'stated' })));
  assert.ok(reviewed.ok, !reviewed.ok ? reviewed.message : '');
  const approved = await decidePlan(services, program, person, target, { kind: 'approve' });
  assert.ok(approved.ok, !approved.ok ? approved.message : '');
  return filled.value.id;
}

export async function passAllGates(h: Harness): Promise<void> {
  for (const assignment of [
    'strategy_gate.kpi_tree_bound=true', 'strategy_gate.approved=true', 'compliance_gate.documented=true', 'compliance_gate.accepted_by_all=true',
    'capacity_gate.rolling_weeks_feasible=8', 'data_gate.dashboard_stable=true', 'data_gate.reconcilable=true', 'ownership_gate.priority_query_coverage=0.9',
  ]) {
    await h.command(`gates set ${assignment}`);
  }
}

/** An active campaign, started by a person from the approved plan. */
export async function activeCampaign(h: Harness): Promise<void> {
  await approvedPlan(h);
  await passAllGates(h);
  const started = await startCampaign(h.app.services, program, person);
  assert.ok(started.ok, !started.ok ? started.message : '');
}
