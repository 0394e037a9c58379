// Tools over the program's plans, gates, metrics and reports, and the read-only view of its state
// (state-view.ts: the growing parts come a page at a time).
import { z } from 'zod';
import { GateNameSchema } from '../../domain/gates.ts';
import { toKpiAssignment } from '../../domain/kpis.ts';
import { applyMetricAssignment, toMetricAssignment, TRENDS } from '../../domain/metrics.ts';
import { findPlaybook } from '../../domain/playbook-catalog.ts';
import { ok, type Result } from '../../domain/result.ts';
import { parseWindow } from '../../domain/window.ts';
import { checkGates, setGate } from '../../services/gates.ts';
import { readMetrics, recordKpiValue, setTarget } from '../../services/metrics.ts';
import { catalog, loadWithPlaybook, playbookFor } from '../../services/playbooks.ts';
import type { Plan, PlanChoice } from '../../domain/plans.ts';
import { writeRequirements } from '../../services/plan-drafts.ts';
import { createPlan } from '../../services/plans.ts';
import { changeProgram } from '../../services/program-state.ts';
import { growthReport } from '../../services/reports.ts';
import { BeforeSchema, LimitSchema } from './pages.ts';
import { ID_EXAMPLES, isListPart, LIST_PARTS, planSummary, readList, readWhole, STATE_PARTS, WHOLE_PARTS } from './state-view.ts';
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
      playbook: z.string().trim().min(1).max(40).optional().describe('the playbook that fits the objective (seo-aeo, demand-gen, launch or a team\'s own); the plan is built from it and the channel adopts it on approval if it has none'),
      kpi_targets: z
        .array(z.strictObject({ kpi: z.string().trim().min(1).max(60), target: z.number().finite() }))
        .max(20)
        .optional()
        .describe('numeric targets the acceptance criteria set, by the playbook\'s KPI names (e.g. mqls 150); applied on approval'),
    })
    .refine((input) => input.plan_id !== undefined || (input.goal ?? '') !== '', { path: ['goal'], message: 'is required when no plan_id is given' }),
  async run(input, { services, program, actor }) {
    const { choice, problems } = await planChoice(services, program, input.playbook, input.kpi_targets);
    // The answer says which plan it is and what of the proposal was not applied, so the analyst can fix it with plan_id.
    const answer = (plan: Plan) => ok({ ...planSummary(plan), ...(plan.playbook ? { playbook: plan.playbook } : {}), ...(plan.kpiTargets ? { kpi_targets: plan.kpiTargets } : {}), ...(problems.length > 0 ? { not_applied: problems } : {}) });
    const { acceptance_criteria, rollback_route, ...rest } = input.requirements ?? {};
    const patch = {
      ...rest,
      ...(acceptance_criteria ? { acceptanceCriteria: acceptance_criteria } : {}),
      ...(rollback_route !== undefined ? { rollbackRoute: rollback_route } : {}),
    };
    let planId = input.plan_id;
    if (planId === undefined) {
      const created = await createPlan(services, program, actor, input.goal ?? '', input.name, choice);
      if (!created.ok || input.requirements === undefined) return created.ok ? answer(created.value) : created;
      planId = created.value.id;
    }
    const written = await writeRequirements(services, program, actor, planId, patch, choice);
    return written.ok ? answer(written.value) : written;
  },
});

/**
 * The analyst's proposal checked against the catalog and the proposed (else the channel's) playbook's
 * KPIs. What does not check out is left off and named, never fatal: the plan's requirements still count.
 */
async function planChoice(
  services: Parameters<typeof catalog>[0],
  program: Parameters<typeof loadWithPlaybook>[1],
  name: string | undefined,
  targets: Array<{ kpi: string; target: number }> | undefined,
): Promise<{ choice: PlanChoice; problems: string[] }> {
  const problems: string[] = [];
  const proposed = name === undefined ? undefined : findPlaybook(catalog(services), name);
  if (proposed !== undefined && !proposed.ok) problems.push(`playbook: ${proposed.message}`);
  const playbook = proposed?.ok ? proposed.value : undefined;
  const book = playbook ?? (await loadWithPlaybook(services, program)).book;
  const kpiTargets: Record<string, number> = {};
  for (const entry of targets ?? []) {
    const checked = toKpiAssignment(book, entry.kpi, entry.target);
    if (checked.ok) kpiTargets[checked.value.kpi] = checked.value.value;
    else problems.push(`kpi_targets: ${checked.message}`);
  }
  return { choice: { ...(playbook ? { playbook } : {}), ...(Object.keys(kpiTargets).length > 0 ? { kpiTargets } : {}) }, problems };
}

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
  description:
    'Evaluate the startup gates of this channel\'s playbook: per gate pass/fail, owner, the reason (what is missing) ' +
    'and its fields with their types and thresholds (what ohmymkt_update_gates takes).',
  input: z.strictObject({}),
  async run(_input, { services, program }) {
    const [{ book }, gates] = await Promise.all([loadWithPlaybook(services, program), checkGates(services, program)]);
    const fields = new Map(book.gates.map((gate) => [gate.name, gate.fields.map((field) => (field.type === 'bool' ? `${field.name}: true/false` : `${field.name}: number ${field.min}–${field.max ?? '∞'}, passes at ≥ ${field.threshold}`))]));
    return ok({ playbook: book.name, all_pass: gates.every((gate) => gate.pass), gates: gates.map((gate) => ({ ...gate, fields: fields.get(gate.gate) ?? [] })) });
  },
});

export const updateGates = defineTool({
  name: 'ohmymkt_update_gates',
  description:
    'Set one field of one startup gate of this channel\'s playbook, with evidence behind it. The gates and their fields ' +
    'are listed by ohmymkt_check_gates. Booleans take true/false (not "yes"/"no"); a share is from 0 to 1 (0.85, not 85). ' +
    'Returns every gate re-evaluated.',
  input: z.strictObject({
    gate: GateNameSchema.describe('a gate name from ohmymkt_check_gates'),
    field: z.string().min(1),
    value: z.union([z.boolean(), z.number()], { error: 'takes true/false for a yes/no field or a number for a numeric one' }),
  }),
  async run(input, { services, program, actor }) {
    return setGate(services, program, actor, `${input.gate}.${input.field}=${String(input.value)}`);
  },
});

export const updateMetrics = defineTool({
  name: 'ohmymkt_update_metrics',
  description:
    'Record a KPI of this channel\'s playbook as a number: `kpi` and its latest `value` (a dated value; the trend is derived ' +
    'from the values), and/or a `target`. The KPIs, units and which way is good come with ohmymkt_read_state part metrics. ' +
    'Playbooks with rating fields (seo-aeo) also take `track`, `metric` and `trend` (up, flat, down) instead.',
  input: z
    .strictObject({
      kpi: z.string().trim().min(1).max(60).optional(),
      value: z.number().finite().optional(),
      target: z.number().finite().optional(),
      track: z.string().trim().min(1).max(60).optional(),
      metric: z.string().trim().min(1).max(60).optional(),
      trend: caseless(TRENDS).optional(),
    })
    .superRefine((input, ctx) => {
      const rating = input.track !== undefined || input.metric !== undefined || input.trend !== undefined;
      if (rating) {
        for (const field of ['track', 'metric', 'trend'] as const) if (input[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required for a rating' });
        if (input.kpi !== undefined || input.target !== undefined) ctx.addIssue({ code: 'custom', path: ['kpi'], message: 'give either kpi (with value or target) or a rating (track, metric, trend), not both' });
      } else if (input.kpi === undefined || (input.value === undefined && input.target === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['kpi'], message: 'give kpi with a value, a target or both' });
      }
    }),
  async run(input, { services, program, actor }) {
    if (input.kpi === undefined) return rate(input, { services, program, actor });
    if (input.target !== undefined) {
      const set = await setTarget(services, program, actor, `${input.kpi}=${input.target}`);
      if (!set.ok || input.value === undefined) return set.ok ? ok(metricsAnswer(set.value, input.kpi)) : set;
    }
    const recorded = await recordKpiValue(services, program, actor, input.kpi, input.value ?? 0);
    return recorded.ok ? ok(metricsAnswer(recorded.value, input.kpi)) : recorded;
  },
});

function metricsAnswer(view: Awaited<ReturnType<typeof readMetrics>>, kpi: string) {
  const name = kpi.trim().toLowerCase();
  return { playbook: view.playbook.name, kpi: view.kpis.find((status) => status.kpi === name) };
}

async function rate(
  input: { track?: string | undefined; metric?: string | undefined; trend?: string | undefined; value?: number | undefined },
  { services, program, actor }: Pick<ToolContext, 'services' | 'program' | 'actor'>,
): Promise<Result<unknown>> {
  const now = services.clock.now();
  return changeProgram(services, program, actor, 'metrics.set', (state) => {
    const assignment = toMetricAssignment(input.track ?? '', input.metric ?? '', input.trend ?? '', input.value, playbookFor(services, state));
    if (!assignment.ok) return assignment;
    const metrics = applyMetricAssignment(state.metrics, assignment.value, now);
    // The answer shows the ratings as set; when each was set is bookkeeping for the KPI trends.
    const shown = Object.fromEntries(Object.entries(metrics).map(([track, readings]) => [track, Object.fromEntries(Object.entries(readings).map(([metric, { at: _at, ...reading }]) => [metric, reading]))]));
    return ok({ state: { ...state, metrics }, value: shown, detail: { ...assignment.value } });
  });
}

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
