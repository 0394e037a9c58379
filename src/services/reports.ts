// Growth reports, built only from stored state over a window (default 30 days).
import { buildGrowthReport, type GrowthReport } from '../domain/reports.ts';
import type { ProgramRef } from '../domain/program.ts';
import { windowStart } from '../domain/window.ts';
import type { ServiceDeps } from './deps.ts';
import { playbookFor } from './playbooks.ts';

export async function growthReport(deps: ServiceDeps, program: ProgramRef, days: number): Promise<GrowthReport> {
  const now = deps.clock.now();
  const [{ state }, cycles, incidents] = await Promise.all([
    deps.repos.programs.load(program),
    deps.repos.cycles.list(program, windowStart(days, now)),
    deps.repos.incidents.list(program),
  ]);
  // The program's own gates and wording: a demand-gen channel's report must not judge it by seo-aeo's.
  return buildGrowthReport({ days, gates: state.gates, cycles: cycles.map((c) => c.entry), incidents, now, book: playbookFor(deps, state) });
}
