// Cycle decisions (rules §4, §13 with §12): the ordered decision table over the whole picture, read
// through the program's playbook (its volume and quality KPIs, its actions per decision and cadence),
// and the two warnings a cycle can raise. Without a playbook the seo-aeo one applies.
import { z } from 'zod';
import { evaluateGates, failingGates, GateStateSchema, type GateState } from './gates.ts';
import { incidentsInWindow, type Incident } from './incidents.ts';
import { kpiStatuses, unmappedRatings, type DatedKpiValue, type KpiTargets } from './kpis.ts';
import { MetricStateSchema, TrendSchema, type MetricState } from './metrics.ts';
import { SEO_AEO } from './playbook-catalog.ts';
import { actionText, trackOfKind, type Playbook, type RollbackSubject, type TrackKind } from './playbook.ts';
import { daysBetween } from './window.ts';

export const CADENCE_DAYS = { weekly: 7, monthly: 30, quarterly: 90 } as const;
export const CadenceSchema = z.enum(['weekly', 'monthly', 'quarterly']);
export type Cadence = z.infer<typeof CadenceSchema>;

export const DecisionSchema = z.enum(['continue', 'intervene', 'rollback']);
export type Decision = z.infer<typeof DecisionSchema>;

/** A playbook's actions per decision, every conditional one included (what a plan shows). */
function defaultActions(book: Playbook): Record<Decision, string[]> {
  return {
    continue: book.actions.continue.map(actionText),
    intervene: book.actions.intervene.map(actionText),
    rollback: book.actions.rollback.map(actionText),
  };
}

/** seo-aeo's actions, kept for callers written before playbooks. */
export const DEFAULT_ACTIONS: Record<Decision, readonly string[]> = defaultActions(SEO_AEO);

// Read literally: each longer cadence adds its own review, the quarterly one does not repeat the monthly.
/** What exists to roll back besides an active campaign (which the cycle already knows). */
export interface RollbackFacts {
  publishedAsset: boolean;
  runningPlacement: boolean;
}

export interface CycleInput {
  cadence: Cadence;
  metrics: MetricState;
  /** Incidents opened in this cadence's window, resolved ones included. */
  incidentsInWindow: Incident[];
  gates: GateState;
  campaignActive: boolean;
  playbook?: Playbook;
  /** Every recorded KPI value of the program. */
  kpiValues?: readonly DatedKpiValue[];
  kpiTargets?: KpiTargets;
  facts?: RollbackFacts;
}

export interface CycleDecision {
  decision: Decision;
  reason: string;
  actions: string[];
}

/** One KPI (or rating) as the decision saw it. */
export const KpiSignalSchema = z.object({ name: z.string(), kind: z.enum(['volume', 'quality']), signal: TrendSchema });
export type KpiSignal = z.infer<typeof KpiSignalSchema>;

export function kpiSignals(input: Pick<CycleInput, 'metrics' | 'playbook' | 'kpiValues' | 'kpiTargets'>): KpiSignal[] {
  const book = input.playbook ?? SEO_AEO;
  const statuses = kpiStatuses({ values: input.kpiValues ?? [], targets: input.kpiTargets ?? {}, metrics: input.metrics }, book);
  return [
    ...statuses.map((status) => ({ name: status.signalName, kind: status.kind, signal: status.signal })),
    ...unmappedRatings(input.metrics, book),
  ];
}

function moving(signals: KpiSignal[], kind: TrackKind, signal: 'up' | 'down'): string[] {
  return signals.filter((entry) => entry.kind === kind && entry.signal === signal).map((entry) => entry.name);
}

function tableRow(input: CycleInput, book: Playbook): { decision: Decision; reason: string } {
  const p0 = input.incidentsInWindow.filter((incident) => incident.severity === 'high');
  if (p0.length > 0) {
    return { decision: 'rollback', reason: `P0 incident in the observation window (${p0.map((incident) => incident.id).join(', ')})` };
  }
  const signals = kpiSignals(input);
  const volume = trackOfKind(book, 'volume').name;
  const quality = trackOfKind(book, 'quality').name;
  const volumeUp = moving(signals, 'volume', 'up');
  const qualityUp = moving(signals, 'quality', 'up');
  const qualityDown = moving(signals, 'quality', 'down');
  if (volumeUp.length > 0 && qualityDown.length > 0) {
    return { decision: 'rollback', reason: `volume up, quality down (${volumeUp.join(', ')} up; ${qualityDown.join(', ')} down)` };
  }
  if (volumeUp.length > 0 && qualityUp.length === 0) {
    return { decision: 'intervene', reason: `${volume} rises, ${quality} does not (${volumeUp.join(', ')} up; no ${quality} metric up)` };
  }
  if (volumeUp.length > 0) {
    return { decision: 'continue', reason: `${volume} and ${quality} both rise (${[...volumeUp, ...qualityUp].join(', ')} up)` };
  }
  return { decision: 'intervene', reason: `insufficient multi-track progress (no ${volume} metric up)` };
}

function exists(subject: RollbackSubject, input: CycleInput): boolean {
  if (subject === 'active_campaign') return input.campaignActive;
  if (subject === 'published_asset') return input.facts?.publishedAsset === true;
  return input.facts?.runningPlacement === true;
}

/** The decision's actions; a rollback names only what exists to roll back. */
function actionsFor(decision: Decision, input: CycleInput, book: Playbook): string[] {
  const listed = book.actions[decision].filter((action) => typeof action === 'string' || action.requires === undefined || exists(action.requires, input));
  return [...listed.map(actionText), ...book.actions.cadence[input.cadence]];
}

export function decideCycle(input: CycleInput): CycleDecision {
  const book = input.playbook ?? SEO_AEO;
  const row = tableRow(input, book);
  const failing = failingGates(evaluateGates(input.gates, book)).map((evaluation) => evaluation.gate);
  const context = [
    ...(failing.length > 0 ? [`startup gates failing: ${failing.join(', ')}`] : []),
    ...(input.campaignActive ? [] : ['no active campaign']),
  ];
  return { decision: row.decision, reason: [row.reason, ...context].join('; '), actions: actionsFor(row.decision, input, book) };
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
  /** Absent on cycles stored before playbooks: those ran seo-aeo. */
  playbook: z.string().optional(),
  kpis: z.array(KpiSignalSchema).optional(),
});
export type Cycle = z.infer<typeof CycleSchema>;

export interface RunCycleInput extends Omit<CycleInput, 'incidentsInWindow'> {
  /** Every incident of the program; the cadence's window is applied here. */
  incidents: Incident[];
  now: Date;
}

/** Decides and snapshots what the decision saw, ready to store. */
export function runCycle(input: RunCycleInput): Cycle {
  const book = input.playbook ?? SEO_AEO;
  const inWindow = incidentsInWindow(input.incidents, CADENCE_DAYS[input.cadence], input.now);
  const decided = decideCycle({ ...input, incidentsInWindow: inWindow });
  return {
    cadence: input.cadence,
    ...decided,
    gates: input.gates,
    gatesPass: failingGates(evaluateGates(input.gates, book)).length === 0,
    metrics: input.metrics,
    incidentIds: inWindow.map((incident) => incident.id),
    campaignActive: input.campaignActive,
    at: input.now,
    ...(input.playbook ? { playbook: input.playbook.name, kpis: kpiSignals(input) } : {}),
  };
}

/** Warns when the period's sprint work all sits on one track; no work at all is not an imbalance. */
export function dualTrackWarning(work: Array<{ track: string }>, tracks: readonly string[] = SEO_AEO.tracks.map((track) => track.name)): string | undefined {
  const worked = tracks.filter((track) => work.some((task) => task.track === track));
  const [only] = worked;
  if (worked.length !== 1 || only === undefined) return undefined;
  const idle = tracks.filter((track) => track !== only).join(', ');
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
