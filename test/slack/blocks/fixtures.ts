// Domain values for the block tests, built through the domain's own constructors so a message is
// always tested against state the app could really hold.
import { AssetSchema, assetId, type Asset } from '../../../src/domain/assets.ts';
import { runCycle, type Cycle } from '../../../src/domain/decisions.ts';
import { evaluateGates, type GateState } from '../../../src/domain/gates.ts';
import { openIncident, type Incident, type Severity } from '../../../src/domain/incidents.ts';
import { initialMetricState } from '../../../src/domain/metrics.ts';
import { createPlanFromTemplate, type Plan } from '../../../src/domain/plans.ts';
import type { Actor } from '../../../src/domain/program.ts';
import { buildGrowthReport, type GrowthReport } from '../../../src/domain/reports.ts';
import { seedSprintBoard, type SprintTask } from '../../../src/domain/sprint.ts';
import { SPRINT_POOL } from '../../../src/domain/sprint-pool.ts';

import { daysAgo, NOW, passingGates, person } from '../../domain/support.ts';

export { DAY, daysAgo, NOW, passingGates, person } from '../../domain/support.ts';
export const HOUR = 3_600_000;
export const hoursAgo = (hours: number): Date => new Date(NOW.getTime() - hours * HOUR);

export const responder: Actor = { userId: 'U2', surface: 'slash' };

/** Three of five pass: capacity and ownership fall short. */
export function threeOfFiveGates(): GateState {
  return { ...passingGates(), capacity_gate: { rolling_weeks_feasible: 7 }, ownership_gate: { priority_query_coverage: 0.5 } };
}

export const evaluations = (state: GateState = threeOfFiveGates()) => evaluateGates(state);

export function incident(
  sequence: number,
  severity: Severity,
  openedAt: Date,
  options: { summary?: string; module?: string; resolvedAt?: Date } = {},
): Incident {
  const opened = openIncident({ sequence, severity, summary: options.summary ?? `Checkout page returns 500 (${sequence})`, module: options.module }, person, openedAt);
  if (!opened.ok) throw new Error(opened.message);
  if (options.resolvedAt === undefined) return opened.value;
  return { ...opened.value, status: 'resolved', resolvedBy: responder, resolvedAt: options.resolvedAt };
}

export function plan(sequence: number, overrides: Partial<Plan> = {}): Plan {
  const created = createPlanFromTemplate({ sequence, goal: `Grow qualified demo requests by 25% (${sequence})`, by: person, now: daysAgo(3) });
  if (!created.ok) throw new Error(created.message);
  return { ...created.value, ...overrides };
}

/** An asset as the manifest could hold it (parsed by the domain's schema), added by `person` three days ago. */
export function asset(sequence: number, overrides: Partial<Asset> = {}): Asset {
  return AssetSchema.parse({
    id: assetId(sequence),
    type: 'email',
    name: `Webinar follow-up email ${sequence}`,
    status: 'planned',
    format: 'text',
    createdBy: person,
    createdAt: daysAgo(3),
    updatedBy: person,
    updatedAt: daysAgo(3),
    ...overrides,
  });
}

export function cycle(overrides: Partial<Cycle> = {}): Cycle {
  return {
    ...runCycle({ cadence: 'weekly', metrics: initialMetricState(), incidents: [], gates: passingGates(), campaignActive: true, now: daysAgo(2) }),
    ...overrides,
  };
}

export function report(days: number, incidents: Incident[] = [], cycles: Cycle[] = [], gates: GateState = threeOfFiveGates()): GrowthReport {
  return buildGrowthReport({ days, gates, cycles, incidents, now: NOW });
}

export function board(start: Date = daysAgo(14)): SprintTask[] {
  return seedSprintBoard(SPRINT_POOL, { owners: [], start });
}
