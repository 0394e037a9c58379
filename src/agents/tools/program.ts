// Tools over the program's plans, gates, metrics and reports, and the read-only view of its state
// (state-view.ts: the growing parts come a page at a time).
import { z } from 'zod';
import { GATE_NAMES, GATES, GateNameSchema } from '../../domain/gates.ts';
import { applyMetricAssignment, toMetricAssignment, TRACK_METRICS, TRACKS, TRENDS } from '../../domain/metrics.ts';
import { ok } from '../../domain/result.ts';
import { parseWindow } from '../../domain/window.ts';
import { checkGates, setGate } from '../../services/gates.ts';
import { writeRequirements } from '../../services/plan-drafts.ts';
import { createPlan } from '../../services/plans.ts';
import { changeProgram } from '../../services/program-state.ts';
import { growthReport } from '../../services/reports.ts';
import { BeforeSchema, LimitSchema } from './pages.ts';
import { ID_EXAMPLES, isListPart, LIST_PARTS, planSummary, readList, readWhole, STATE_PARTS, WHOLE_PARTS } from './state-view.ts';
import { caseless, defineTool } from './types.ts';

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
  description:
    'List the plans of this channel, newest first: how many there are, and for the newest (`limit`) their current version, ' +
    'status, goal and how many checklist items they still miss; `more.before` pages further back. `id` (PLAN-n) returns ' +
    'that one plan in full: requirements, review failures and decision.',
  input: z.strictObject({
    limit: LimitSchema,
    before: BeforeSchema,
    id: z.string().trim().min(1).max(40).optional().describe('PLAN-n: this plan in full'),
  }),
  async run(input, context) {
    return readList('plans', input, context);
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

export const readState = defineTool({
  name: 'ohmymkt_read_state',
  description:
    `Read named parts of this channel's stored state: ${STATE_PARTS.join(', ')}. Ask only for the parts you need. ` +
    `${WHOLE_PARTS.join(', ')} come whole. The lists (${LIST_PARTS.join(', ')}) come as counts and the newest items ` +
    'as one-line summaries (`limit` per list); `more.before` in an answer pages further back (ask for that one part ' +
    `with \`before\`), and \`id\` with one part returns that one item in full (${LIST_PARTS.map((p) => `${p}: ${ID_EXAMPLES[p]}`).join('; ')}).`,
  input: z
    .strictObject({
      parts: z.array(z.enum(STATE_PARTS)).min(1).max(STATE_PARTS.length),
      limit: LimitSchema,
      before: BeforeSchema,
      id: z.string().trim().min(1).max(200).optional().describe('one item of the one list part asked for, in full'),
    })
    .superRefine((input, ctx) => {
      const parts = [...new Set(input.parts)];
      for (const field of ['before', 'id'] as const) {
        if (input[field] === undefined) continue;
        const only = parts.length === 1 ? parts[0] : undefined;
        if (only === undefined || !isListPart(only)) {
          ctx.addIssue({ code: 'custom', path: [field], message: `goes with exactly one list part (${LIST_PARTS.join(', ')})` });
        }
      }
      if (input.before !== undefined && input.id !== undefined) ctx.addIssue({ code: 'custom', path: ['id'], message: 'cannot be combined with before' });
    }),
  async run(input, context) {
    const parts = [...new Set(input.parts)];
    const answers: Array<[string, unknown]> = [];
    for (const part of parts) {
      if (!isListPart(part)) {
        answers.push([part, await readWhole(part, context)]);
        continue;
      }
      const answer = await readList(part, { limit: input.limit, before: input.before, id: input.id }, context);
      if (!answer.ok) return answer;
      answers.push([part, answer.value]);
    }
    return ok(Object.fromEntries(answers));
  },
});
