// Cycle decisions (rules §4 with §12): the ordered decision table over the whole picture, the
// default actions per decision and cadence, and the two warnings a cycle can raise.
import { z } from 'zod';
import { evaluateGates, failingGates, GateStateSchema, type GateState } from './gates.ts';
import { incidentsInWindow, type Incident } from './incidents.ts';
import { MetricStateSchema, TRACKS, trendsOf, type MetricState, type Track } from './metrics.ts';
import { daysBetween } from './window.ts';

export const CADENCE_DAYS = { weekly: 7, monthly: 30, quarterly: 90 } as const;
export const CadenceSchema = z.enum(['weekly', 'monthly', 'quarterly']);
export type Cadence = z.infer<typeof CadenceSchema>;

export const DecisionSchema = z.enum(['continue', 'intervene', 'rollback']);
export type Decision = z.infer<typeof DecisionSchema>;

export const DEFAULT_ACTIONS: Record<Decision, readonly string[]> = {
  continue: [
    'expand winning query clusters with proven templates',
    'keep the dual-track allocation balanced',
    'archive winner patterns',
  ],
  intervene: [
    'run a focused remediation sprint on failing modules',
    're-check gates and data consistency before expansion',
    'adjust the refresh/new ratio',
  ],
  rollback: [
    'pause scale modules now',
    'roll back high-risk template changes',
    'open a P0 postmortem with prevention actions',
  ],
};

// Read literally: each longer cadence adds its own review, the quarterly one does not repeat the monthly.
export const CADENCE_ACTIONS: Record<Cadence, readonly string[]> = {
  weekly: [],
  monthly: ['rebalance cluster-level investment'],
  quarterly: ['architecture governance review'],
};

export interface CycleInput {
  cadence: Cadence;
  metrics: MetricState;
  /** Incidents opened in this cadence's window, resolved ones included. */
  incidentsInWindow: Incident[];
  gates: GateState;
  campaignActive: boolean;
}

export interface CycleDecision {
  decision: Decision;
  reason: string;
  actions: string[];
}

function moving(metrics: MetricState, track: Track, trend: 'up' | 'down'): string[] {
  return trendsOf(metrics, track).filter((reading) => reading.trend === trend).map((reading) => reading.metric);
}

function tableRow(input: CycleInput): { decision: Decision; reason: string } {
  const p0 = input.incidentsInWindow.filter((incident) => incident.severity === 'high');
  if (p0.length > 0) {
    return { decision: 'rollback', reason: `P0 incident in the observation window (${p0.map((incident) => incident.id).join(', ')})` };
  }
  const visibilityUp = moving(input.metrics, 'visibility', 'up');
  const qualityUp = moving(input.metrics, 'quality', 'up');
  const qualityDown = moving(input.metrics, 'quality', 'down');
  if (visibilityUp.length > 0 && qualityDown.length > 0) {
    return { decision: 'rollback', reason: `volume up, quality down (${visibilityUp.join(', ')} up; ${qualityDown.join(', ')} down)` };
  }
  if (visibilityUp.length > 0 && qualityUp.length === 0) {
    return { decision: 'intervene', reason: `visibility rises, quality does not (${visibilityUp.join(', ')} up; no quality metric up)` };
  }
  if (visibilityUp.length > 0) {
    return { decision: 'continue', reason: `visibility and quality both rise (${[...visibilityUp, ...qualityUp].join(', ')} up)` };
  }
  return { decision: 'intervene', reason: 'insufficient multi-track progress (no visibility metric up)' };
}

export function decideCycle(input: CycleInput): CycleDecision {
  const row = tableRow(input);
  const failing = failingGates(evaluateGates(input.gates)).map((evaluation) => evaluation.gate);
  const context = [
    ...(failing.length > 0 ? [`startup gates failing: ${failing.join(', ')}`] : []),
    ...(input.campaignActive ? [] : ['no active campaign']),
  ];
  return {
    decision: row.decision,
    reason: [row.reason, ...context].join('; '),
    actions: [...DEFAULT_ACTIONS[row.decision], ...CADENCE_ACTIONS[input.cadence]],
  };
}

export const CycleSchema = z.object({
  cadence: CadenceSchema,
  decision: DecisionSchema,
  reason: z.string().min(1),
  actions: z.array(z.string().min(1)),
  gates: GateStateSchema,
  gatesPass: z.boolean(),
  metrics: MetricStateSchema,
  incidentIds: z.array(z.string()),
  campaignActive: z.boolean(),
  at: z.date(),
});
export type Cycle = z.infer<typeof CycleSchema>;

export interface RunCycleInput {
  cadence: Cadence;
  metrics: MetricState;
  /** Every incident of the program; the cadence's window is applied here. */
  incidents: Incident[];
  gates: GateState;
  campaignActive: boolean;
  now: Date;
}

/** Decides and snapshots what the decision saw, ready to store. */
export function runCycle(input: RunCycleInput): Cycle {
  const inWindow = incidentsInWindow(input.incidents, CADENCE_DAYS[input.cadence], input.now);
  const decided = decideCycle({ ...input, incidentsInWindow: inWindow });
  return {
    cadence: input.cadence,
    ...decided,
    gates: input.gates,
    gatesPass: failingGates(evaluateGates(input.gates)).length === 0,
    metrics: input.metrics,
    incidentIds: inWindow.map((incident) => incident.id),
    campaignActive: input.campaignActive,
    at: input.now,
  };
}

/** Warns when the period's sprint work all sits on one track; no work at all is not an imbalance. */
export function dualTrackWarning(work: Array<{ track: Track }>): string | undefined {
  const worked = TRACKS.filter((track) => work.some((task) => task.track === track));
  const [only] = worked;
  if (worked.length !== 1 || only === undefined) return undefined;
  const idle = TRACKS.filter((track) => track !== only).join(', ');
  return `all ${work.length} sprint task(s) this period were on the ${only} track and none on ${idle}; rebalance the dual-track allocation`;
}

export const STALE_AFTER_DAYS = 7;

export interface StalenessInput {
  /** When the active campaign started; undefined when no campaign is active. */
  campaignStartedAt: Date | undefined;
  lastWeeklyCycleAt: Date | undefined;
  now: Date;
}

/** An active campaign with no weekly cycle for more than seven days (counted from its start when none ran yet). */
export function stalenessWarning(input: StalenessInput): string | undefined {
  if (input.campaignStartedAt === undefined) return undefined;
  const since = input.lastWeeklyCycleAt ?? input.campaignStartedAt;
  const days = daysBetween(since, input.now);
  if (days <= STALE_AFTER_DAYS) return undefined;
  const what = input.lastWeeklyCycleAt === undefined ? 'the campaign started' : 'the last weekly cycle ran';
  return `no weekly cycle for more than ${STALE_AFTER_DAYS} days (${what} ${Math.floor(days)} days ago); run \`cycle weekly\` to review the campaign`;
}
