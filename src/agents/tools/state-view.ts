// What ohmymkt_read_state answers for each part of a program's state. Fixed-size parts (gates, metrics,
// modules, execution) come whole; the parts that grow with the program's age (cycles, incidents, plans,
// assets, research, …) come as counts plus the newest few summaries, a cursor to page further back, and
// one item in full by its id — so what an agent is sent does not grow with a year of history.
import { campaignStatus } from '../../domain/campaign.ts';
import type { Cycle } from '../../domain/decisions.ts';
import type { Incident } from '../../domain/incidents.ts';
import { isPaused } from '../../domain/incidents.ts';
import { moduleStatuses } from '../../domain/modules.ts';
import { reviewFailures, type Plan } from '../../domain/plans.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import * as assets from '../../services/assets.ts';
import * as cycles from '../../services/cycles.ts';
import { checkGates } from '../../services/gates.ts';
import * as incidents from '../../services/incidents.ts';
import { readMetrics } from '../../services/metrics.ts';
import { loadWithPlaybook } from '../../services/playbooks.ts';
import { listPlans } from '../../services/plans.ts';
import { listAngles } from '../../services/positioning.ts';
import * as research from '../../services/research.ts';
import { clip, countBy, newestFirst, pageOf, type PageRequest } from './pages.ts';
import type { ToolContext } from './types.ts';

export const WHOLE_PARTS = ['gates', 'metrics', 'modules', 'execution'] as const;
export const LIST_PARTS = ['cycles', 'sprint_board', 'incidents', 'plans', 'research', 'competitors', 'positioning', 'assets'] as const;
export const STATE_PARTS = ['gates', 'metrics', 'modules', 'cycles', 'sprint_board', 'execution', 'incidents', 'plans', 'research', 'competitors', 'positioning', 'assets'] as const;
export type StatePart = (typeof STATE_PARTS)[number];
export type ListPart = (typeof LIST_PARTS)[number];

export const isListPart = (part: StatePart): part is ListPart => (LIST_PARTS as readonly string[]).includes(part);

/** What one id looks like in each list, for the tool's description and its error messages. */
export const ID_EXAMPLES: Record<ListPart, string> = {
  cycles: 'CYC-12',
  sprint_board: 'a task id',
  incidents: 'INC-3',
  plans: 'PLAN-2',
  research: 'RB-1',
  competitors: 'a competitor name',
  positioning: 'an angle name',
  assets: 'AST-40',
};

/** The full plan as the planning tools show it (requirements and what the checklist still misses). */
export function planSummary(plan: Plan) {
  const failures = reviewFailures(plan);
  return {
    id: plan.id,
    version: plan.version,
    name: plan.name,
    status: plan.status,
    goal: plan.goal,
    requirements: plan.requirements,
    ...(failures.length > 0 ? { review_failures: failures } : {}),
    ...(plan.decision ? { decision: plan.decision } : {}),
  };
}

/** A plan in a list: enough to pick it; its requirements come with the plan by id. */
export function planLine(plan: Plan) {
  return {
    id: plan.id,
    version: plan.version,
    name: plan.name,
    status: plan.status,
    goal: clip(plan.goal),
    review_failures: reviewFailures(plan).length,
    updated_at: plan.updatedAt,
  };
}

// Cycles have no stored id; their place in the append-only history is stable, so CYC-n is the n-th one.
type NumberedCycle = Cycle & { id: string };
const cycleLine = (cycle: NumberedCycle) => ({ id: cycle.id, cadence: cycle.cadence, decision: cycle.decision, reason: clip(cycle.reason), at: cycle.at });
const incidentLine = (incident: Incident) => ({
  id: incident.id,
  severity: incident.severity,
  status: incident.status,
  module: incident.module,
  summary: clip(incident.summary),
  notes: incident.notes.length,
  opened_at: incident.openedAt,
});

interface ListSource<T> {
  load(context: ToolContext): Promise<T[]>;
  id(item: T): string;
  line(item: T): unknown;
  full(item: T): unknown;
  overview(all: T[]): Record<string, unknown>;
}

const source = <T>(spec: ListSource<T>): ListSource<unknown> => spec as ListSource<unknown>;

// Each list in display order: newest first, except the sprint board, whose order is the work's order.
const LISTS: Record<ListPart, ListSource<unknown>> = {
  cycles: source<NumberedCycle>({
    load: async ({ services, program }) => newestFirst((await cycles.history(services, program)).map((cycle, i) => ({ ...cycle, id: `CYC-${i + 1}` }))),
    id: (cycle) => cycle.id,
    line: cycleLine,
    full: (cycle) => cycle,
    overview: (all) => ({ by_decision: countBy(all, (c) => c.decision), by_cadence: countBy(all, (c) => c.cadence) }),
  }),
  sprint_board: source({
    load: ({ services, program }) => services.repos.sprint.list(program),
    id: (task) => task.id,
    line: (task) => ({ id: task.id, text: clip(task.text), track: task.track, module: task.module, status: task.status, owner: task.owner, due: task.due }),
    full: (task) => task,
    overview: (all) => ({ by_status: countBy(all, (t) => t.status) }),
  }),
  incidents: source<Incident>({
    // Newest first; the open ones are also listed on their own, since they are what the work must respect.
    load: async ({ services, program }) => newestFirst(await incidents.list(services, program)),
    id: (incident) => incident.id,
    line: incidentLine,
    full: (incident) => incident,
    overview: (all) => {
      const open = all.filter((i) => i.status === 'open');
      return { open: open.length, open_by_severity: countBy(open, (i) => i.severity), open_items: open.slice(0, 10).map(incidentLine) };
    },
  }),
  plans: source<Plan>({
    load: async ({ services, program }) => newestFirst(await listPlans(services, program)),
    id: (plan) => plan.id,
    line: planLine,
    full: planSummary,
    overview: (all) => ({ by_status: countBy(all, (p) => p.status) }),
  }),
  research: source({
    load: async ({ services, program }) => newestFirst(await research.listBriefs(services, program)),
    id: (brief) => brief.id,
    line: (brief) => ({ id: brief.id, title: brief.title, competitors: brief.competitors.length, findings: brief.findings.length, gaps: brief.gaps.length, updated_at: brief.updatedAt }),
    full: (brief) => brief,
    overview: () => ({}),
  }),
  competitors: source({
    load: async ({ services, program }) => newestFirst(await research.listCompetitors(services, program)),
    id: (profile) => profile.name,
    line: (profile) => ({ name: profile.name, ...(profile.positioning ? { positioning: clip(profile.positioning) } : {}), updated_at: profile.updatedAt }),
    full: (profile) => profile,
    overview: () => ({}),
  }),
  positioning: source({
    load: async ({ services, program }) => newestFirst(await listAngles(services, program)),
    id: (angle) => angle.name,
    line: (angle) => ({ name: angle.name, selected: angle.selected, statement: clip(angle.statement) }),
    full: (angle) => angle,
    overview: (all) => ({ selected: all.find((a) => a.selected)?.name ?? null }),
  }),
  assets: source({
    load: async ({ services, program }) => newestFirst(await assets.listAssets(services, program)),
    id: (asset) => asset.id,
    line: (asset) => ({ id: asset.id, type: asset.type, name: clip(asset.name, 100), status: asset.status, format: asset.format, updated_at: asset.updatedAt }),
    full: (asset) => asset,
    overview: (all) => ({ by_status: countBy(all, (a) => a.status) }),
  }),
};

export interface PartRequest extends PageRequest {
  id?: string | undefined;
}

/** One list part: its overview and a page of it, or the one item named by `id` in full. */
export async function readList(part: ListPart, request: PartRequest, context: ToolContext): Promise<Result<unknown>> {
  const list = LISTS[part];
  const all = await list.load(context);
  if (request.id !== undefined) {
    const wanted = request.id.trim().toUpperCase();
    const found = all.find((item) => list.id(item).toUpperCase() === wanted);
    return found === undefined ? fail('not_found', `no ${part} item with id ${request.id}; ids look like ${ID_EXAMPLES[part]}`) : ok(list.full(found));
  }
  const page = pageOf(all, list.id, request, list.line);
  return page.ok ? ok({ ...list.overview(all), ...page.value }) : page;
}

export async function readWhole(part: (typeof WHOLE_PARTS)[number], { services, program }: ToolContext): Promise<unknown> {
  switch (part) {
    case 'gates':
      return checkGates(services, program);
    case 'metrics': {
      // The playbook's KPIs with values, targets and trends; rating fields (seo-aeo) beside them.
      const view = await readMetrics(services, program);
      return { playbook: view.playbook.name, kpis: view.kpis, ...(Object.keys(view.ratings).length > 0 ? { ratings: view.ratings } : {}) };
    }
    case 'modules': {
      const [{ state, book }, all] = await Promise.all([loadWithPlaybook(services, program), incidents.list(services, program)]);
      return moduleStatuses(state.execution !== undefined, isPaused(all), book);
    }
    case 'execution': {
      const [{ state }, all] = await Promise.all([services.repos.programs.load(program), incidents.list(services, program)]);
      return { status: campaignStatus(state.execution, all), execution: state.execution ?? null };
    }
  }
}
