// Builders shared by the domain tests: a passing gate state, metric states by trend, incidents at a time.
import { CHECKLIST_KEYS, type ChecklistKey, type ChecklistVerdict } from '../../src/domain/checklist.ts';
import type { GateState } from '../../src/domain/gates.ts';
import { openIncident, type Incident, type Severity } from '../../src/domain/incidents.ts';
import type { MetricState, Trend } from '../../src/domain/metrics.ts';
import { approvePlan, createPlanFromTemplate, recordReview, updateRequirements, type Plan } from '../../src/domain/plans.ts';
import type { Actor } from '../../src/domain/program.ts';
import type { Requirements } from '../../src/domain/requirements.ts';

export const NOW = new Date('2025-06-30T09:00:00Z');
export const DAY = 86_400_000;
export const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * DAY);

export const person: Actor = { userId: 'U1', surface: 'slash' };

export function passingGates(): GateState {
  return {
    strategy_gate: { kpi_tree_bound: true, approved: true },
    compliance_gate: { documented: true, accepted_by_all: true },
    capacity_gate: { rolling_weeks_feasible: 8 },
    data_gate: { dashboard_stable: true, reconcilable: true },
    ownership_gate: { priority_query_coverage: 0.85 },
  };
}

/** Trends in field order: [non_brand_visibility, query_cluster_coverage], [high_intent_session, conversion_assist]. */
export function metricsOf(visibility: [Trend, Trend], quality: [Trend, Trend]): MetricState {
  return {
    visibility: { non_brand_visibility_trend: { trend: visibility[0] }, query_cluster_coverage_trend: { trend: visibility[1] } },
    quality: { high_intent_session_trend: { trend: quality[0] }, conversion_assist_trend: { trend: quality[1] } },
  };
}

export function incident(sequence: number, severity: Severity, openedAt: Date, status: 'open' | 'resolved' = 'open'): Incident {
  const opened = openIncident({ sequence, severity, summary: `incident ${sequence}` }, person, openedAt);
  if (!opened.ok) throw new Error(opened.message);
  return status === 'open' ? opened.value : { ...opened.value, status, resolvedBy: person, resolvedAt: openedAt };
}

export function completeRequirements(): Requirements {
  return {
    objective: 'grow qualified demo requests by 25% in 90 days',
    channels: ['organic search', 'newsletter'],
    boundaries: ['no paid media', 'no changes to pricing pages'],
    timeline: '2025-07-01 to 2025-09-30',
    budget: 'none beyond current headcount',
    acceptanceCriteria: ['demo requests from organic ≥ 125/month by September'],
    rollbackRoute: 'revert templates from the release log; open a P0 in the channel',
    owners: [{ deliverable: 'landing paths', owner: 'U2' }, { deliverable: 'answer blocks', owner: 'U3' }],
  };
}

/** A reviewer verdict passing (or failing) every item. */
export function reviewerVerdict(pass = true, except: ChecklistKey[] = []): ChecklistVerdict {
  return CHECKLIST_KEYS.map((key) => ({ key, pass: pass && !except.includes(key), reason: `reviewer on ${key}` }));
}

export function newPlan(sequence = 1, now = NOW): Plan {
  const created = createPlanFromTemplate({ sequence, goal: 'Grow qualified demo requests', by: person, now });
  if (!created.ok) throw new Error(created.message);
  return created.value;
}

/** A plan taken through review and a human approval. */
export function approvedPlan(sequence = 1, now = NOW): Plan {
  const filled = updateRequirements(newPlan(sequence, now), completeRequirements(), now);
  if (!filled.ok) throw new Error(filled.message);
  const reviewed = recordReview(filled.value, reviewerVerdict(), now);
  if (!reviewed.ok) throw new Error(reviewed.message);
  const approved = approvePlan(reviewed.value, { version: reviewed.value.version, by: 'U9', now });
  if (!approved.ok) throw new Error(approved.message);
  return approved.value;
}
