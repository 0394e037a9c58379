// A program one year old, seeded through the application services the way a year of use would leave it:
// 52 weekly, 12 monthly and 4 quarterly cycles, 300 assets, 60 incidents (two still open), 30 plan
// versions (ten plans, three versions each), 2,000 KPI readings, and some research. The bench compares
// a canonical run on it with one on a fresh program; tests use it to check what the reading tools send.
import type { Cadence } from '../../src/domain/decisions.ts';
import { applyMetricAssignment, toMetricAssignment, TRACK_METRICS, TRACKS, TRENDS } from '../../src/domain/metrics.ts';
import type { Actor, ProgramRef } from '../../src/domain/program.ts';
import { ok } from '../../src/domain/result.ts';
import * as assets from '../../src/services/assets.ts';
import * as cycles from '../../src/services/cycles.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import * as incidents from '../../src/services/incidents.ts';
import { writeRequirements } from '../../src/services/plan-drafts.ts';
import { createPlan, newPlanVersion } from '../../src/services/plans.ts';
import { changeProgram } from '../../src/services/program-state.ts';
import * as research from '../../src/services/research.ts';
import { COMPLETE_REQUIREMENTS } from './claude-scripts.ts';

export const AGED = { weekly: 52, monthly: 12, quarterly: 4, assets: 300, incidents: 60, openIncidents: 2, plans: 10, versionsPerPlan: 3, kpiValues: 2000, briefs: 12, competitors: 15 } as const;

const DAY = 86_400_000;
const ASSET_TYPES = ['blog', 'email', 'social_post', 'landing_page'] as const;

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }, what: string): T {
  if (!result.ok) throw new Error(`seeding the aged program: ${what}: ${result.message}`);
  return result.value;
}

/** Seeds `program` with a year of history ending at `end`; every write goes through the services. */
export async function seedAgedProgram(services: ServiceDeps, program: ProgramRef, end: Date): Promise<void> {
  let now = end.getTime() - 365 * DAY;
  const deps: ServiceDeps = { ...services, clock: { now: () => new Date(now) } };
  const actor: Actor = { userId: 'U0SEEDER1', surface: 'slash' };
  const at = (fraction: number) => {
    now = end.getTime() - 365 * DAY + Math.floor(fraction * 364 * DAY);
  };

  for (let i = 0; i < AGED.plans; i += 1) {
    at(i / AGED.plans);
    const plan = must(await createPlan(deps, program, actor, `Quarterly growth push ${i + 1}: more qualified demo requests from organic channels`, `Push ${i + 1}`), 'plan');
    const { acceptance_criteria: acceptanceCriteria, rollback_route: rollbackRoute, ...rest } = COMPLETE_REQUIREMENTS;
    must(await writeRequirements(deps, program, actor, plan.id, { ...rest, acceptanceCriteria, rollbackRoute }), 'requirements');
    for (let v = 1; v < AGED.versionsPerPlan; v += 1) must(await newPlanVersion(deps, program, actor, { id: plan.id, version: v }), 'plan version');
  }

  const cadences: Array<[Cadence, number]> = [['weekly', AGED.weekly], ['monthly', AGED.monthly], ['quarterly', AGED.quarterly]];
  for (const [cadence, count] of cadences) {
    for (let i = 0; i < count; i += 1) {
      at((i + 1) / (count + 1));
      await cycles.run(deps, program, actor, cadence);
    }
  }

  for (let i = 0; i < AGED.assets; i += 1) {
    at(i / AGED.assets);
    must(
      await assets.addAsset(deps, program, actor, {
        type: ASSET_TYPES[i % ASSET_TYPES.length] as (typeof ASSET_TYPES)[number],
        name: `Week ${Math.floor(i / 6) + 1} piece ${i + 1}: why teams switch their analytics stack`,
        format: 'text',
        status: 'draft',
        notes: 'Drafted from the research brief; needs a customer quote and a link to the comparison page before review.',
      }),
      'asset',
    );
  }

  for (let i = 0; i < AGED.incidents; i += 1) {
    at(i / AGED.incidents);
    const incident = must(await incidents.open(deps, program, actor, { severity: i % 3 === 0 ? 'medium' : 'low', summary: `Tracking gap on landing page ${i + 1}: conversions not attributed for two days`, module: 'measurement' }), 'incident');
    if (i < AGED.incidents - AGED.openIncidents) {
      must(await incidents.update(deps, program, actor, incident.id, 'Tag manager container republished; watching the numbers.'), 'incident note');
      must(await incidents.resolve(deps, program, actor, incident.id, 'Attribution back to normal; backfilled from the CRM.'), 'incident resolve');
    }
  }

  const metrics = TRACKS.flatMap((track) => TRACK_METRICS[track].map((metric) => [track, metric] as const));
  for (let i = 0; i < AGED.kpiValues; i += 1) {
    at(i / AGED.kpiValues);
    const [track, metric] = metrics[i % metrics.length] as (typeof metrics)[number];
    const assignment = must(toMetricAssignment(track, metric, TRENDS[i % TRENDS.length] as string, 1000 + i), 'KPI value');
    must(
      await changeProgram(deps, program, actor, 'metrics.set', (state) => {
        const next = applyMetricAssignment(state.metrics, assignment);
        return ok({ state: { ...state, metrics: next }, value: next, detail: { ...assignment } });
      }),
      'KPI value',
    );
  }

  for (let i = 0; i < AGED.briefs; i += 1) {
    at(i / AGED.briefs);
    await research.createBrief(deps, program, actor, {
      title: `Monthly market read ${i + 1}`,
      objectives: ['what moved in the category this month'],
      competitors: ['Contoso Insights'],
      findings: [{ source: 'sales call notes', insight: 'Buyers ask about data residency before price.' }],
      gaps: ['win/loss reasons by segment'],
    });
  }
  for (let i = 0; i < AGED.competitors; i += 1) {
    at(i / AGED.competitors);
    must(await research.saveCompetitor(deps, program, actor, { name: `Rival ${i + 1} Analytics`, positioning: 'all-in-one dashboards for mid-market teams', threats: ['discounting in Q4'] }), 'competitor');
  }
}
