// The windowed growth report (rules §7): built only from stored state, so what the channel reads
// is what the program holds.
import type { Cycle, Decision } from './decisions.ts';
import { evaluateGates, failingGates, type GateEvaluation, type GateState } from './gates.ts';
import { countBySeverity, incidentsInWindow, type Incident, type Severity } from './incidents.ts';
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
}

export interface GrowthReportInput {
  days: number;
  gates: GateState;
  cycles: Cycle[];
  incidents: Incident[];
  now: Date;
  /** The program's playbook: its gates are the ones evaluated. seo-aeo when absent, as before playbooks. */
  book?: Playbook;
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
  };
}
