// Business "no"s as values: a gate failing or a stale version is an answer for a person, not an
// exception. Exceptions stay reserved for broken invariants.
export const FAILURE_CODES = [
  'usage',
  'not_found',
  'conflict',
  'forbidden',
  'gate_failed',
  'review_required',
  'paused',
  'invalid',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export type Ok<T> = { ok: true; value: T };
export type Fail = { ok: false; code: FailureCode; message: string; reasons?: string[] };
export type Result<T> = Ok<T> | Fail;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function fail(code: FailureCode, message: string, reasons?: string[]): Fail {
  return reasons === undefined || reasons.length === 0 ? { ok: false, code, message } : { ok: false, code, message, reasons };
}
