// Cycles: decide continue / intervene / rollback from stored state and append the decision with
// its snapshots. A scheduled cycle passes an idempotency key so a retry or a replica stores it once.
import { campaignStatus } from '../domain/campaign.ts';
import { CADENCE_DAYS, dualTrackWarning, runCycle, type Cadence, type Cycle } from '../domain/decisions.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { sprintWorkSince } from '../domain/sprint.ts';
import { windowStart } from '../domain/window.ts';
import { audit, type ServiceDeps } from './deps.ts';
import { loadWithPlaybook } from './playbooks.ts';

export interface CycleOutcome {
  cycle: Cycle;
  warnings: string[];
  /** False when a cycle with the same idempotency key was already stored. */
  stored: boolean;
}

/**
 * What a cycle would decide now, from stored state, storing nothing: `/ohmymkt cycle` and the
 * analyst's read tool look with it, so looking twice never inflates the report's decision counts.
 */
export async function preview(deps: ServiceDeps, program: ProgramRef, cadence: Cadence): Promise<{ cycle: Cycle; warnings: string[] }> {
  const now = deps.clock.now();
  const [{ state, book }, incidents, board, values, assets] = await Promise.all([
    loadWithPlaybook(deps, program),
    deps.repos.incidents.list(program),
    deps.repos.sprint.list(program),
    deps.repos.kpiValues.list(program),
    deps.repos.assets.list(program),
  ]);
  const published = assets.filter((asset) => asset.status === 'published');
  const cycle = runCycle({
    cadence,
    metrics: state.metrics,
    incidents,
    gates: state.gates,
    campaignActive: campaignStatus(state.execution, incidents) === 'active',
    now,
    playbook: book,
    kpiValues: values.map((row) => ({ kpi: row.entry.kpi, value: row.entry.value, at: row.at })),
    kpiTargets: state.kpiTargets ?? {},
    // A published ad is a placement still running: nothing in the manifest takes one down.
    facts: { publishedAsset: published.length > 0, runningPlacement: published.some((asset) => asset.type === 'ad') },
  });
  // The board's tracks are the playbook's; the warning names them as the board shows them.
  const imbalance = dualTrackWarning(sprintWorkSince(board, windowStart(CADENCE_DAYS[cadence], now)), book.tracks.map((track) => track.name));
  return { cycle, warnings: imbalance ? [imbalance] : [] };
}

export async function run(deps: ServiceDeps, program: ProgramRef, actor: Actor, cadence: Cadence, key?: string): Promise<CycleOutcome> {
  const { cycle, warnings } = await preview(deps, program, cadence);
  const stored = (await deps.repos.cycles.append(program, cycle.at, cycle, key ? `cycle:${key}` : undefined)) === 'inserted';
  if (stored) await audit(deps, program, actor, 'cycle.run', { cadence, decision: cycle.decision });
  return { cycle, warnings, stored };
}

export async function history(deps: ServiceDeps, program: ProgramRef, since?: Date): Promise<Cycle[]> {
  return (await deps.repos.cycles.list(program, since)).map((row) => row.entry);
}
