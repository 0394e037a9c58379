// Pages of a program's growing collections for the reading tools: counts, the newest few items as
// summaries, and a cursor to the next page. A reading tool's answer then stays the same size whether
// the program is a day or a year old; one item's full record is fetched by its id.
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result.ts';

/** Items per page unless the model asks for more: enough to see what is going on, small enough to resend on every turn. */
export const DEFAULT_PAGE_SIZE = 5;
export const MAX_PAGE_SIZE = 25;

export const LimitSchema = z
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .optional()
  .describe(`items per list, newest first (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE})`);

export const BeforeSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .optional()
  .describe('the next page: the `before` value a previous answer gave under `more`');

export interface PageRequest {
  limit?: number | undefined;
  before?: string | undefined;
}

export interface Page<S> {
  total: number;
  items: S[];
  /** Present when older items remain: how many, and the cursor that lists them. */
  more?: { remaining: number; before: string };
}

/**
 * One page of `all`, which is already in display order (newest first). The cursor is the id of the
 * last item shown, so a page stays right when newer items arrive in between.
 */
export function pageOf<T, S>(all: readonly T[], idOf: (item: T) => string, request: PageRequest, summarize: (item: T) => S): Result<Page<S>> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  let start = 0;
  if (request.before !== undefined) {
    const cursor = request.before.toUpperCase();
    const at = all.findIndex((item) => idOf(item).toUpperCase() === cursor);
    if (at < 0) return fail('not_found', `nothing with id ${request.before} to page from; use the \`before\` value of a previous answer`);
    start = at + 1;
  }
  const shown = all.slice(start, start + limit);
  const remaining = all.length - start - shown.length;
  const last = shown.at(-1);
  return ok({
    total: all.length,
    items: shown.map(summarize),
    ...(remaining > 0 && last !== undefined ? { more: { remaining, before: idOf(last) } } : {}),
  });
}

/** Counts of `items` by a field, for the overview that replaces the full list. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Text cut to `max` characters for a summary line; the full text is one fetch by id away. */
export const clip = (text: string, max = 160): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export const newestFirst = <T>(items: readonly T[]): T[] => [...items].reverse();
