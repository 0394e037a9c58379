// Observation windows counted in whole days back from "now"; cycles, incidents and reports share them.
import { z } from 'zod';
import { fail, ok, type Result } from './result.ts';

const DAY_MS = 86_400_000;
export const MAX_WINDOW_DAYS = 365;
export const DEFAULT_REPORT_WINDOW_DAYS = 30;

export const WindowDaysSchema = z.number().int().min(1).max(MAX_WINDOW_DAYS);

export function windowStart(days: number, now: Date): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

// No upper bound on purpose: a record stamped a moment "after" now by another replica's clock still
// belongs to the current window.
export function isInWindow(at: Date, days: number, now: Date): boolean {
  return at.getTime() >= windowStart(days, now).getTime();
}

/** Accepts `30d`, `7D`, ` 90d ` and a bare `30`; empty means the default 30 days. */
export function parseWindow(text: string | undefined): Result<number> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return ok(DEFAULT_REPORT_WINDOW_DAYS);
  const match = /^(\d{1,4})d?$/i.exec(trimmed);
  const days = match ? Number(match[1]) : Number.NaN;
  if (!WindowDaysSchema.safeParse(days).success) {
    return fail('usage', `"${trimmed}" is not a report window; write <n>d with n from 1 to ${MAX_WINDOW_DAYS}, e.g. 7d, 30d or 90d`);
  }
  return ok(days);
}

export function formatWindow(days: number): string {
  return `${days}d`;
}

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}
