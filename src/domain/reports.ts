// The windowed growth report (rules §7): built only from stored state, so what the channel reads
// is what the program holds.
import type { Cycle, Decision } from './decisions.ts';
import { evaluateGates, failingGates, type GateEvaluation, type GateState } from './gates.ts';
import { countBySeverity, incidentsInWindow, type Incident, type Severity } from './incidents.ts';
import type { KpiStatus } from './kpis.ts';
import { SEO_AEO } from './playbook-catalog.ts';
import { scaleWorkOf, type Playbook } from './playbook.ts';
import { formatWindow, isInWindow, windowStart } from './window.ts';

export const RECOMMENDATIONS = {
  /** seo-aeo's words; other playbooks name their own scaling work (gatesFailingFor). */
  gatesFailing: 'no scale modules until all startup gates pass',
  rollbackOrP0: 'prioritise rollback prevention before the next scale cycle',
  interveneOverContinue: 'increase remediation capacity for quality-track modules',
  steady: 'keep dual-track execution and keep codifying winner patterns',
} as const;

/** Failing gates hold the program's scaling work, named as its playbook names it. */
export function gatesFailingFor(book: Playbook): string {
  return `no ${scaleWorkOf(book)} until all startup gates pass`;
}

export interface GrowthReport {
  window: string;
  from: Date;
  to: Date;
  gatesPass: boolean;
  gates: GateEvaluation[];
  gateLines: string[];
  decisions: Record<Decision, number>;
  incidents: Record<Severity, number>;
  recommendations: string[];
  /** The playbook's KPIs with their latest value, target and trend. */
  kpis: KpiStatus[];
  /** Money spent (the playbook's `spend` KPI) against the active plan's budget, when either is known. */
  spend?: { spent?: number; budget?: number; unit: string };
  /** Posts published in the window, counted per platform. */
  published: Record<string, number>;
}

/** The first amount in a budget such as "$50,000", "EUR 12.5k" or "no paid spend" (none). */
function budgetAmount(budget: string | undefined): number | undefined {
  const match = /(\d+(?:[.,]\d{3})*(?:\.\d+)?)\s*([km])?\b/i.exec(budget ?? '');
  if (!match?.[1]) return undefined;
  const value = Number(match[1].replace(/,/g, ''));
  const scale = match[2]?.toLowerCase() === 'k' ? 1_000 : match[2]?.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Number.isFinite(value) ? value * scale : undefined;
}

export interface GrowthReportInput {
  days: number;
  gates: GateState;
  cycles: Cycle[];
  incidents: Incident[];
  now: Date;
  /** The program's playbook: its gates are the ones evaluated. seo-aeo when absent, as before playbooks. */
  book?: Playbook;
  kpis?: KpiStatus[];
  /** The active campaign's plan budget, as the plan states it. */
  budget?: string;
  publications?: ReadonlyArray<{ platform: string; at: Date }>;
}

export function gateLine(evaluation: GateEvaluation): string {
  return `${evaluation.gate} (${evaluation.owner}): ${evaluation.pass ? 'pass' : 'fail'}, ${evaluation.reason}`;
}

export function recommend(input: { gatesPass: boolean; decisions: Record<Decision, number>; incidents: Record<Severity, number>; book?: Playbook }): string[] {
  const advice = [
    ...(input.gatesPass ? [] : [gatesFailingFor(input.book ?? SEO_AEO)]),
    ...(input.decisions.rollback > 0 || input.incidents.high > 0 ? [RECOMMENDATIONS.rollbackOrP0] : []),
    ...(input.decisions.intervene > input.decisions.continue ? [RECOMMENDATIONS.interveneOverContinue] : []),
  ];
  return advice.length > 0 ? advice : [RECOMMENDATIONS.steady];
}

export function buildGrowthReport(input: GrowthReportInput): GrowthReport {
  const book = input.book ?? SEO_AEO;
  const gates = evaluateGates(input.gates, book);
  const gatesPass = failingGates(gates).length === 0;
  const decisions: Record<Decision, number> = { continue: 0, intervene: 0, rollback: 0 };
  for (const cycle of input.cycles) {
    if (isInWindow(cycle.at, input.days, input.now)) decisions[cycle.decision] += 1;
  }
  const incidents = countBySeverity(incidentsInWindow(input.incidents, input.days, input.now));
  return {
    window: formatWindow(input.days),
    from: windowStart(input.days, input.now),
    to: input.now,
    gatesPass,
    gates,
    gateLines: gates.map(gateLine),
    decisions,
    incidents,
    recommendations: recommend({ gatesPass, decisions, incidents, book }),
    kpis: input.kpis ?? [],
    ...spendOf(input),
    published: publishedIn(input),
  };
}

function spendOf(input: GrowthReportInput): Pick<GrowthReport, 'spend'> {
  const spend = input.kpis?.find((kpi) => kpi.kpi === 'spend');
  const budget = budgetAmount(input.budget);
  if (spend?.latest === undefined && budget === undefined) return {};
  return { spend: { unit: spend?.unit ?? 'USD', ...(spend?.latest ? { spent: spend.latest.value } : {}), ...(budget !== undefined ? { budget } : {}) } };
}

function publishedIn(input: GrowthReportInput): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const publication of input.publications ?? []) {
    if (isInWindow(publication.at, input.days, input.now)) counts[publication.platform] = (counts[publication.platform] ?? 0) + 1;
  }
  return counts;
}
