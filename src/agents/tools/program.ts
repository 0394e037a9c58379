// Tools over the program's plans, gates, metrics and reports, and the read-only view of its state.
import { z } from 'zod';
import { campaignStatus } from '../../domain/campaign.ts';
import { GATE_NAMES, GATES, GateNameSchema } from '../../domain/gates.ts';
import { isPaused } from '../../domain/incidents.ts';
import { applyMetricAssignment, toMetricAssignment, TRACK_METRICS, TRACKS, TRENDS } from '../../domain/metrics.ts';
import { moduleStatuses } from '../../domain/modules.ts';
import { reviewFailures, type Plan } from '../../domain/plans.ts';
import { ok } from '../../domain/result.ts';
import { parseWindow } from '../../domain/window.ts';
import * as assets from '../../services/assets.ts';
import * as cycles from '../../services/cycles.ts';
import { checkGates, setGate } from '../../services/gates.ts';
import * as incidents from '../../services/incidents.ts';
import { writeRequirements } from '../../services/plan-drafts.ts';
import { createPlan, listPlans } from '../../services/plans.ts';
import { listAngles } from '../../services/positioning.ts';
import { changeProgram } from '../../services/program-state.ts';
import { growthReport } from '../../services/reports.ts';
import * as research from '../../services/research.ts';
import { caseless, defineTool, type ToolContext } from './types.ts';

const Line = z.string().trim().min(1).max(500);

const RequirementsInput = z.strictObject({
  objective: z.string().max(1000).optional().describe('measurable outcome: metric, baseline, target, date'),
  channels: z.array(Line).max(30).optional(),
  boundaries: z.array(Line).max(30).optional().describe('in scope, out of scope, off limits (brand, legal, spend ceiling)'),
  timeline: z.string().max(500).optional(),
  budget: z.string().max(500).optional().describe('amount with currency, or "no paid spend"'),
  acceptance_criteria: z.array(Line).max(30).optional().describe('each answerable yes/no'),
  rollback_route: z.string().max(1000).optional().describe('trigger → what is rolled back → who is told'),
  owners: z.array(z.strictObject({ deliverable: Line, owner: z.string().max(200) })).max(50).optional(),
});

function planSummary(plan: Plan) {
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

export const planGrowth = defineTool({
  name: 'ohmymkt_plan_growth',
  description:
    'Create a growth plan for this channel from the plan template (goal, optional short name), or write the requirements ' +
    'of an existing plan (give plan_id). A draft is filled in place; a plan already in review, approved or rejected gets ' +
    'a new version. Returns the plan id, version and status. Arrays replace the stored ones.',
  input: z
    .strictObject({
      goal: z.string().trim().max(2000).optional().describe('required when creating a plan'),
      name: z.string().trim().max(80).optional(),
      plan_id: z.string().optional().describe('PLAN-n: write requirements of this plan instead of creating one'),
      requirements: RequirementsInput.optional(),
    })
    .refine((input) => input.plan_id !== undefined || (input.goal ?? '') !== '', { path: ['goal'], message: 'is required when no plan_id is given' }),
  async run(input, { services, program, actor }) {
    const { acceptance_criteria, rollback_route, ...rest } = input.requirements ?? {};
    const patch = {
      ...rest,
      ...(acceptance_criteria ? { acceptanceCriteria: acceptance_criteria } : {}),
      ...(rollback_route !== undefined ? { rollbackRoute: rollback_route } : {}),
    };
    let planId = input.plan_id;
    if (planId === undefined) {
      const created = await createPlan(services, program, actor, input.goal ?? '', input.name);
      if (!created.ok || input.requirements === undefined) return created.ok ? ok(planSummary(created.value)) : created;
      planId = created.value.id;
    }
    const written = await writeRequirements(services, program, actor, planId, patch);
    return written.ok ? ok(planSummary(written.value)) : written;
  },
});

export const listPlansTool = defineTool({
  name: 'ohmymkt_list_plans',
  description: 'List the plans of this channel (current version of each, newest first) with status, version, goal, requirements and review failures.',
  input: z.strictObject({}),
  async run(_input, { services, program }) {
    return ok((await listPlans(services, program)).map(planSummary));
  },
});

export const checkGatesTool = defineTool({
  name: 'ohmymkt_check_gates',
  description: 'Evaluate the five startup gates of this channel: per gate pass/fail, owner and the reason (what is missing).',
  input: z.strictObject({}),
  async run(_input, { services, program }) {
    const gates = await checkGates(services, program);
    return ok({ all_pass: gates.every((gate) => gate.pass), gates });
  },
});

const gateFields = GATE_NAMES.map((gate) => `${gate}: ${Object.keys(GATES[gate].fields).join(', ')}`).join('; ');

export const updateGates = defineTool({
  name: 'ohmymkt_update_gates',
  description:
    `Set one field of one startup gate, with evidence behind it. Fields — ${gateFields}. Booleans take true/false ` +
    '(not "yes"/"no"); rolling_weeks_feasible is a number of weeks ≥ 0; priority_query_coverage is a share from 0 to 1 (0.85, not 85). ' +
    'Returns every gate re-evaluated.',
  input: z.strictObject({
    gate: GateNameSchema,
    field: z.string().min(1),
    value: z.union([z.boolean(), z.number()], { error: 'takes true/false for a yes/no field or a number for a numeric one' }),
  }),
  async run(input, { services, program, actor }) {
    return setGate(services, program, actor, `${input.gate}.${input.field}=${String(input.value)}`);
  },
});

const metricNames = TRACKS.map((track) => `${track}: ${TRACK_METRICS[track].join(', ')}`).join('; ');

export const updateMetrics = defineTool({
  name: 'ohmymkt_update_metrics',
  description: `Record one metric's trend (up, flat or down) and optionally its latest value. Metrics — ${metricNames}.`,
  input: z.strictObject({
    track: caseless(TRACKS),
    metric: z.string().min(1),
    trend: caseless(TRENDS),
    value: z.number().finite().optional(),
  }),
  async run(input, { services, program, actor }) {
    const assignment = toMetricAssignment(input.track, input.metric, input.trend, input.value);
    if (!assignment.ok) return assignment;
    return changeProgram(services, program, actor, 'metrics.set', (state) => {
      const metrics = applyMetricAssignment(state.metrics, assignment.value);
      return ok({ state: { ...state, metrics }, value: metrics, detail: { ...assignment.value } });
    });
  },
});

export const reportGrowth = defineTool({
  name: 'ohmymkt_report_growth',
  description: 'Build the growth report over a window (7d, 30d, 90d; default 30d) from stored state: gates, cycle decisions, incidents by severity, recommendations.',
  input: z.strictObject({ window: z.string().optional().describe('e.g. 7d, 30d, 90d') }),
  async run(input, { services, program }) {
    const days = parseWindow(input.window);
    return days.ok ? ok(await growthReport(services, program, days.value)) : days;
  },
});

const STATE_PARTS = [
  'gates',
  'metrics',
  'modules',
  'cycles',
  'sprint_board',
  'execution',
  'incidents',
  'plans',
  'research',
  'competitors',
  'positioning',
  'assets',
] as const;

async function readPart(part: (typeof STATE_PARTS)[number], { services, program }: ToolContext): Promise<unknown> {
  switch (part) {
    case 'gates':
      return checkGates(services, program);
    case 'metrics':
      return (await services.repos.programs.load(program)).state.metrics;
    case 'modules': {
      const [{ state }, all] = await Promise.all([services.repos.programs.load(program), incidents.list(services, program)]);
      return moduleStatuses(state.execution !== undefined, isPaused(all));
    }
    case 'cycles':
      return cycles.history(services, program);
    case 'sprint_board':
      return services.repos.sprint.list(program);
    case 'execution': {
      const [{ state }, all] = await Promise.all([services.repos.programs.load(program), incidents.list(services, program)]);
      return { status: campaignStatus(state.execution, all), execution: state.execution ?? null };
    }
    case 'incidents':
      return incidents.list(services, program);
    case 'plans':
      return (await listPlans(services, program)).map(planSummary);
    case 'research':
      return research.listBriefs(services, program);
    case 'competitors':
      return research.listCompetitors(services, program);
    case 'positioning':
      return listAngles(services, program);
    case 'assets':
      return assets.listAssets(services, program);
  }
}

export const readState = defineTool({
  name: 'ohmymkt_read_state',
  description: `Read named parts of this channel's stored state: ${STATE_PARTS.join(', ')}. Ask only for the parts you need.`,
  input: z.strictObject({ parts: z.array(z.enum(STATE_PARTS)).min(1).max(STATE_PARTS.length) }),
  async run(input, context) {
    const parts = [...new Set(input.parts)];
    const values = await Promise.all(parts.map((part) => readPart(part, context)));
    return ok(Object.fromEntries(parts.map((part, i) => [part, values[i]])));
  },
});
