// Startup gates (rules §3, §13): the program's playbook names them, their typed fields, owners and
// why a failing one fails. Values are strictly typed (§12): "no" is not false, 85 is not a coverage.
// Without a playbook argument the seo-aeo gates apply, as they did before playbooks existed.
import { z } from 'zod';
import { splitAssignment } from './assignment.ts';
import { SEO_AEO } from './playbook-catalog.ts';
import type { GateFieldSpec, GateSpec, Playbook } from './playbook.ts';
import { fail, ok, type Result } from './result.ts';

/** The seo-aeo gates, in order (kept for the commands and tests written before playbooks). */
export const GATE_NAMES: readonly string[] = SEO_AEO.gates.map((gate) => gate.name);
export const GateNameSchema = z.string().trim().min(1).max(60);
export type GateName = string;

/** Every playbook's gate values side by side, so switching playbooks never loses one already set. */
export const GateStateSchema = z.record(z.string(), z.record(z.string(), z.union([z.boolean(), z.number().finite()])));
export type GateState = z.infer<typeof GateStateSchema>;

/** The gates of a playbook by name, each field keyed by name (the shape tools and tests read). */
export function gatesOf(book: Playbook = SEO_AEO): Record<string, { owner: string; passesWhen: string; fields: Record<string, GateFieldSpec & { kind: GateFieldSpec['type'] }> }> {
  return Object.fromEntries(
    book.gates.map((gate) => [
      gate.name,
      { owner: gate.owner, passesWhen: gate.passesWhen, fields: Object.fromEntries(gate.fields.map((field) => [field.name, { ...field, kind: field.type }])) },
    ]),
  );
}

export const GATES = gatesOf(SEO_AEO);

/** Every bool false and every number at its minimum (0 for the built-ins). */
export function initialGateState(book: Playbook = SEO_AEO): GateState {
  return Object.fromEntries(book.gates.map((gate) => [gate.name, Object.fromEntries(gate.fields.map((field) => [field.name, field.type === 'bool' ? false : field.min]))]));
}

export interface GateEvaluation {
  gate: string;
  owner: string;
  pass: boolean;
  reason: string;
}

function initialValue(field: GateFieldSpec): boolean | number {
  return field.type === 'bool' ? false : field.min;
}

function shortfallOf(field: GateFieldSpec, value: boolean | number): string | undefined {
  if (field.type === 'bool') return value === true ? undefined : field.missing;
  return typeof value === 'number' && value >= field.threshold ? undefined : field.shortfall.replaceAll('{value}', String(value));
}

function evaluateGate(gate: GateSpec, values: Record<string, boolean | number>): GateEvaluation {
  const read = (field: GateFieldSpec) => values[field.name] ?? initialValue(field);
  const problems = gate.fields.flatMap((field) => {
    const problem = shortfallOf(field, read(field));
    return problem === undefined ? [] : [problem];
  });
  const met = gate.fields.map((field) => `${field.name}=${String(read(field))}`).join(', ');
  return { gate: gate.name, owner: gate.owner, pass: problems.length === 0, reason: problems.length === 0 ? `passes (${met})` : problems.join('; ') };
}

/** A gate never written reads as its initial values, so a playbook switched to starts with every gate failing. */
export function evaluateGates(state: GateState, book: Playbook = SEO_AEO): GateEvaluation[] {
  return book.gates.map((gate) => evaluateGate(gate, state[gate.name] ?? {}));
}

export function failingGates(evaluations: GateEvaluation[]): GateEvaluation[] {
  return evaluations.filter((evaluation) => !evaluation.pass);
}

export type GateAssignment = { gate: string; field: string; value: boolean | number };

const NUMBER_TEXT = /^[+]?(\d+(\.\d*)?|\.\d+)$/;

function readValue(label: string, spec: GateFieldSpec, raw: string | number | boolean): Result<boolean | number> {
  if (spec.type === 'bool') {
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
    // A share of 85 is someone writing a percentage; say so rather than silently passing it.
    const hint = spec.max === 1 && value > 1 && value <= 100 ? `; write a share such as ${value / 100} for ${value}%` : '';
    return fail('invalid', `${label} takes ${range} (got ${value})${hint}`);
  }
  return ok(value);
}

/** Validates one field write, from text (`"true"`, `"0.9"`) or an already typed value. */
export function toGateAssignment(gate: string, field: string, raw: string | number | boolean, book: Playbook = SEO_AEO): Result<GateAssignment> {
  const gateName = gate.trim().toLowerCase();
  const spec = book.gates.find((candidate) => candidate.name === gateName);
  if (spec === undefined) return fail('invalid', `unknown gate "${gate}"; valid gates: ${book.gates.map((candidate) => candidate.name).join(', ')}`);
  const fieldName = field.trim().toLowerCase();
  const fieldSpec = spec.fields.find((candidate) => candidate.name === fieldName);
  if (fieldSpec === undefined) {
    return fail('invalid', `unknown field "${field}" for ${gateName}; valid fields: ${spec.fields.map((candidate) => candidate.name).join(', ')}`);
  }
  const value = readValue(`${gateName}.${fieldName}`, fieldSpec, raw);
  return value.ok ? ok({ gate: gateName, field: fieldName, value: value.value }) : value;
}

/** Parses `<gate>.<field>=<value>`, e.g. `capacity_gate.rolling_weeks_feasible=8`. */
export function parseGateAssignment(text: string, book: Playbook = SEO_AEO): Result<GateAssignment> {
  const parts = splitAssignment(text);
  if (parts === undefined) {
    const example = exampleAssignment(book);
    return fail('usage', `write <gate>.<field>=<value>, e.g. ${example} (got "${text.trim()}")`);
  }
  return toGateAssignment(parts.scope, parts.key, parts.value, book);
}

function exampleAssignment(book: Playbook): string {
  const numeric = book.gates.flatMap((gate) => gate.fields.filter((field) => field.type === 'number').map((field) => ({ gate, field })));
  const [first] = numeric;
  if (first !== undefined && first.field.type === 'number') return `${first.gate.name}.${first.field.name}=${first.field.threshold}`;
  const [gate] = book.gates;
  return `${gate?.name ?? 'gate'}.${gate?.fields[0]?.name ?? 'field'}=true`;
}

export function applyGateAssignment(state: GateState, assignment: GateAssignment): GateState {
  return GateStateSchema.parse({
    ...state,
    [assignment.gate]: { ...state[assignment.gate], [assignment.field]: assignment.value },
  });
}
