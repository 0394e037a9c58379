// The five startup gates (rules §3): typed fields, who owns each gate, and why a failing one fails.
// Values are strictly typed (§12): "no" is not false, 85 is not a coverage.
import { z } from 'zod';
import { splitAssignment } from './assignment.ts';
import { fail, ok, type Result } from './result.ts';

export const GATE_NAMES = ['strategy_gate', 'compliance_gate', 'capacity_gate', 'data_gate', 'ownership_gate'] as const;
export const GateNameSchema = z.enum(GATE_NAMES);
export type GateName = z.infer<typeof GateNameSchema>;

export const REQUIRED_ROLLING_WEEKS = 8;
export const REQUIRED_QUERY_COVERAGE = 0.85;

export const GateStateSchema = z.object({
  strategy_gate: z.object({ kpi_tree_bound: z.boolean(), approved: z.boolean() }),
  compliance_gate: z.object({ documented: z.boolean(), accepted_by_all: z.boolean() }),
  capacity_gate: z.object({ rolling_weeks_feasible: z.number().finite().min(0) }),
  data_gate: z.object({ dashboard_stable: z.boolean(), reconcilable: z.boolean() }),
  ownership_gate: z.object({ priority_query_coverage: z.number().min(0).max(1) }),
});
export type GateState = z.infer<typeof GateStateSchema>;

type BoolField = { kind: 'bool'; missing: string };
type NumberField = { kind: 'number'; min: number; max?: number; threshold: number; shortfall: (value: number) => string };
type FieldSpec = BoolField | NumberField;

interface GateSpec {
  owner: string;
  passesWhen: string;
  fields: Record<string, FieldSpec>;
}

export const GATES: Record<GateName, GateSpec> = {
  strategy_gate: {
    owner: 'SEO Lead',
    passesWhen: 'kpi_tree_bound and approved are both true',
    fields: {
      kpi_tree_bound: { kind: 'bool', missing: 'the KPI tree must be bound to the strategy (kpi_tree_bound is false)' },
      approved: { kind: 'bool', missing: 'the strategy must be approved (approved is false)' },
    },
  },
  compliance_gate: {
    owner: 'SEO Lead',
    passesWhen: 'documented and accepted_by_all are both true',
    fields: {
      documented: { kind: 'bool', missing: 'the compliance rules must be documented (documented is false)' },
      accepted_by_all: { kind: 'bool', missing: 'every team must accept the compliance rules (accepted_by_all is false)' },
    },
  },
  capacity_gate: {
    owner: 'Content Lead',
    passesWhen: `rolling_weeks_feasible ≥ ${REQUIRED_ROLLING_WEEKS} weeks`,
    fields: {
      rolling_weeks_feasible: {
        kind: 'number',
        min: 0,
        threshold: REQUIRED_ROLLING_WEEKS,
        shortfall: (weeks) => `throughput must be proven for ${REQUIRED_ROLLING_WEEKS} weeks (current: ${weeks})`,
      },
    },
  },
  data_gate: {
    owner: 'Growth Analyst',
    passesWhen: 'dashboard_stable and reconcilable are both true',
    fields: {
      dashboard_stable: { kind: 'bool', missing: 'the dashboard must be stable (dashboard_stable is false)' },
      reconcilable: { kind: 'bool', missing: 'the data must reconcile across sources (reconcilable is false)' },
    },
  },
  ownership_gate: {
    owner: 'SEO Lead',
    passesWhen: `priority_query_coverage ≥ ${REQUIRED_QUERY_COVERAGE}`,
    fields: {
      priority_query_coverage: {
        kind: 'number',
        min: 0,
        max: 1,
        threshold: REQUIRED_QUERY_COVERAGE,
        shortfall: (share) => `owners must cover at least ${REQUIRED_QUERY_COVERAGE} of priority queries (current: ${share})`,
      },
    },
  },
};

export function initialGateState(): GateState {
  return {
    strategy_gate: { kpi_tree_bound: false, approved: false },
    compliance_gate: { documented: false, accepted_by_all: false },
    capacity_gate: { rolling_weeks_feasible: 0 },
    data_gate: { dashboard_stable: false, reconcilable: false },
    ownership_gate: { priority_query_coverage: 0 },
  };
}

export interface GateEvaluation {
  gate: GateName;
  owner: string;
  pass: boolean;
  reason: string;
}

function fieldsOf(state: GateState, gate: GateName): Record<string, boolean | number> {
  return state[gate];
}

function shortfallOf(spec: FieldSpec, value: boolean | number): string | undefined {
  if (spec.kind === 'bool') return value === true ? undefined : spec.missing;
  return typeof value === 'number' && value >= spec.threshold ? undefined : spec.shortfall(Number(value));
}

export function evaluateGates(state: GateState): GateEvaluation[] {
  return GATE_NAMES.map((gate) => {
    const spec = GATES[gate];
    const values = fieldsOf(state, gate);
    const problems = Object.entries(spec.fields).flatMap(([field, fieldSpec]) => {
      const problem = shortfallOf(fieldSpec, values[field] ?? false);
      return problem === undefined ? [] : [problem];
    });
    const met = Object.keys(spec.fields).map((field) => `${field}=${String(values[field])}`).join(', ');
    return {
      gate,
      owner: spec.owner,
      pass: problems.length === 0,
      reason: problems.length === 0 ? `passes (${met})` : problems.join('; '),
    };
  });
}

export function failingGates(evaluations: GateEvaluation[]): GateEvaluation[] {
  return evaluations.filter((evaluation) => !evaluation.pass);
}

export type GateAssignment = { gate: GateName; field: string; value: boolean | number };

const NUMBER_TEXT = /^[+]?(\d+(\.\d*)?|\.\d+)$/;

function readValue(label: string, spec: FieldSpec, raw: string | number | boolean): Result<boolean | number> {
  if (spec.kind === 'bool') {
    if (typeof raw === 'boolean') return ok(raw);
    const text = String(raw).trim().toLowerCase();
    if (text === 'true' || text === 'false') return ok(text === 'true');
    return fail('invalid', `${label} takes true or false (got "${String(raw)}")`);
  }
  const text = typeof raw === 'string' ? raw.trim() : raw;
  const value = typeof text === 'number' ? text : NUMBER_TEXT.test(String(text)) ? Number(text) : Number.NaN;
  const range = spec.max === undefined ? `a number of at least ${spec.min}` : `a number from ${spec.min} to ${spec.max}`;
  if (!Number.isFinite(value)) return fail('invalid', `${label} takes ${range} (got "${String(raw)}")`);
  if (value < spec.min || (spec.max !== undefined && value > spec.max)) {
    // A coverage of 85 is someone writing a percentage; say so rather than silently passing it.
    const hint = spec.max === 1 && value > 1 && value <= 100 ? `; write a share such as ${value / 100} for ${value}%` : '';
    return fail('invalid', `${label} takes ${range} (got ${value})${hint}`);
  }
  return ok(value);
}

/** Validates one field write, from text (`"true"`, `"0.9"`) or an already typed value. */
export function toGateAssignment(gate: string, field: string, raw: string | number | boolean): Result<GateAssignment> {
  const gateName = GateNameSchema.safeParse(gate.trim().toLowerCase());
  if (!gateName.success) return fail('invalid', `unknown gate "${gate}"; valid gates: ${GATE_NAMES.join(', ')}`);
  const spec = GATES[gateName.data];
  const fieldName = field.trim().toLowerCase();
  const fieldSpec = spec.fields[fieldName];
  if (fieldSpec === undefined) {
    return fail('invalid', `unknown field "${field}" for ${gateName.data}; valid fields: ${Object.keys(spec.fields).join(', ')}`);
  }
  const value = readValue(`${gateName.data}.${fieldName}`, fieldSpec, raw);
  return value.ok ? ok({ gate: gateName.data, field: fieldName, value: value.value }) : value;
}

/** Parses `<gate>.<field>=<value>`, e.g. `capacity_gate.rolling_weeks_feasible=8`. */
export function parseGateAssignment(text: string): Result<GateAssignment> {
  const parts = splitAssignment(text);
  if (parts === undefined) {
    return fail('usage', `write <gate>.<field>=<value>, e.g. capacity_gate.rolling_weeks_feasible=8 (got "${text.trim()}")`);
  }
  return toGateAssignment(parts.scope, parts.key, parts.value);
}

export function applyGateAssignment(state: GateState, assignment: GateAssignment): GateState {
  return GateStateSchema.parse({
    ...state,
    [assignment.gate]: { ...state[assignment.gate], [assignment.field]: assignment.value },
  });
}
