// Growth reports, built only from stored state over a window (default 30 days).
import { buildGrowthReport, type GrowthReport } from '../domain/reports.ts';
import type { ProgramRef } from '../domain/program.ts';
import { windowStart } from '../domain/window.ts';
import type { ServiceDeps } from './deps.ts';
import { readMetrics } from './metrics.ts';
import { playbookFor } from './playbooks.ts';

export async function growthReport(deps: ServiceDeps, program: ProgramRef, days: number): Promise<GrowthReport> {
  const now = deps.clock.now();
  const [{ state }, cycles, incidents, metrics, assets] = await Promise.all([
    deps.repos.programs.load(program),
    deps.repos.cycles.list(program, windowStart(days, now)),
    deps.repos.incidents.list(program),
    readMetrics(deps, program),
    deps.repos.assets.list(program),
  ]);
  // The budget is the running campaign's plan's, as that plan states it.
  const execution = state.execution;
  const plan = execution ? await deps.repos.plans.get(program, execution.planId, execution.planVersion) : undefined;
  // The program's own gates and wording: a demand-gen channel's report must not judge it by seo-aeo's.
  return buildGrowthReport({
    days,
    gates: state.gates,
    cycles: cycles.map((c) => c.entry),
    incidents,
    now,
    book: playbookFor(deps, state),
    kpis: metrics.kpis,
    ...(plan ? { budget: plan.value.requirements.budget } : {}),
    publications: assets.flatMap((asset) => asset.publications ?? []),
  });
}
