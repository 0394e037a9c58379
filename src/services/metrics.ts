// A program's KPIs as its playbook names them: read them with their values, baseline, target and
// trend; record a dated value (`<kpi>=<number>`), set a target, or — for playbooks with rating fields
// such as seo-aeo — rate a trend (`<track>.<metric>=<up|flat|down>`).
import { kpiStatuses, parseKpiAssignment, toKpiAssignment, type KpiStatus } from '../domain/kpis.ts';
import { applyMetricAssignment, parseMetricAssignment, type MetricState } from '../domain/metrics.ts';
import type { Playbook } from '../domain/playbook.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { ok, type Result } from '../domain/result.ts';
import { audit, type ServiceDeps } from './deps.ts';
import { loadWithPlaybook, playbookFor } from './playbooks.ts';
import { changeProgram } from './program-state.ts';

export interface MetricsView {
  playbook: Playbook;
  kpis: KpiStatus[];
  /** The manual trend ratings (empty for playbooks without rating fields). */
  ratings: MetricState;
}

export async function readMetrics(deps: ServiceDeps, program: ProgramRef): Promise<MetricsView> {
  const [{ state, book }, values] = await Promise.all([loadWithPlaybook(deps, program), deps.repos.kpiValues.list(program)]);
  const dated = values.map((row) => ({ kpi: row.entry.kpi, value: row.entry.value, at: row.at }));
  return { playbook: book, kpis: kpiStatuses({ values: dated, targets: state.kpiTargets ?? {}, metrics: state.metrics }, book), ratings: state.metrics };
}

/** A dated KPI value, appended as its own document (values are never edited, so trends can be re-derived). */
export async function recordKpiValue(deps: ServiceDeps, program: ProgramRef, actor: Actor, kpi: string, value: number | string): Promise<Result<MetricsView>> {
  const { book } = await loadWithPlaybook(deps, program);
  const assignment = toKpiAssignment(book, kpi, value);
  if (!assignment.ok) return assignment;
  await deps.repos.kpiValues.append(program, deps.clock.now(), { ...assignment.value, by: actor });
  await audit(deps, program, actor, 'metrics.set', { ...assignment.value });
  return ok(await readMetrics(deps, program));
}

/** `metrics set` text: `<kpi>=<number>`, or a rating `<track>.<metric>=<trend>` where the playbook has rating fields. */
export async function setMetric(deps: ServiceDeps, program: ProgramRef, actor: Actor, text: string): Promise<Result<MetricsView>> {
  const [left = ''] = text.split('=');
  if (!left.includes('.')) {
    const { book } = await loadWithPlaybook(deps, program);
    const assignment = parseKpiAssignment(book, text);
    if (!assignment.ok) return assignment;
    return recordKpiValue(deps, program, actor, assignment.value.kpi, assignment.value.value);
  }
  const now = deps.clock.now();
  const rated = await changeProgram(deps, program, actor, 'metrics.set', (state) => {
    const assignment = parseMetricAssignment(text, playbookFor(deps, state));
    if (!assignment.ok) return assignment;
    const metrics = applyMetricAssignment(state.metrics, assignment.value, now);
    return ok({ state: { ...state, metrics }, value: undefined, detail: { ...assignment.value } });
  });
  return rated.ok ? ok(await readMetrics(deps, program)) : rated;
}

/** `metrics target` text: `<kpi>=<number>`. */
export async function setTarget(deps: ServiceDeps, program: ProgramRef, actor: Actor, text: string): Promise<Result<MetricsView>> {
  const set = await changeProgram(deps, program, actor, 'metrics.target', (state) => {
    const assignment = parseKpiAssignment(playbookFor(deps, state), text);
    if (!assignment.ok) return assignment;
    const kpiTargets = { ...state.kpiTargets, [assignment.value.kpi]: assignment.value.value };
    return ok({ state: { ...state, kpiTargets }, value: undefined, detail: { ...assignment.value } });
  });
  return set.ok ? ok(await readMetrics(deps, program)) : set;
}
