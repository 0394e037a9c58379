// Metric trends of a program's two tracks: read them, or set one from `<track>.<metric>=<trend>`.
import { applyMetricAssignment, parseMetricAssignment, type MetricState } from '../domain/metrics.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { ok, type Result } from '../domain/result.ts';
import type { ServiceDeps } from './deps.ts';
import { changeProgram } from './program-state.ts';

export async function readMetrics(deps: ServiceDeps, program: ProgramRef): Promise<MetricState> {
  return (await deps.repos.programs.load(program)).state.metrics;
}

export async function setMetric(deps: ServiceDeps, program: ProgramRef, actor: Actor, text: string): Promise<Result<MetricState>> {
  const assignment = parseMetricAssignment(text);
  if (!assignment.ok) return assignment;
  return changeProgram(deps, program, actor, 'metrics.set', (state) => {
    const metrics = applyMetricAssignment(state.metrics, assignment.value);
    return ok({ state: { ...state, metrics }, value: metrics, detail: { ...assignment.value } });
  });
}
