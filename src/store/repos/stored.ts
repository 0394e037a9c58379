// Shared by the repositories: every document is scoped to its program by fields and by `_id`, and
// every document read back is validated, so corrupt data is reported instead of read as empty.
import type { z } from 'zod';
import { programKey, type ProgramRef } from '../../domain/program.ts';
import { StoreCorrupt } from '../port.ts';

export interface Scoped {
  _id: string;
  teamId: string;
  channelId: string;
}

export function scopedId(program: ProgramRef, ...parts: Array<string | number>): string {
  return [programKey(program), ...parts].join(':');
}

export function scope(program: ProgramRef): { teamId: string; channelId: string } {
  return { teamId: program.teamId, channelId: program.channelId };
}

export function readStored<S extends z.ZodType>(collection: string, schema: S, doc: { _id: string }): z.infer<S> {
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`).join('; ');
    throw new StoreCorrupt(collection, doc._id, problem);
  }
  return parsed.data;
}

/** Bounded retries for compare-and-set loops: contention resolves in a few rounds or is a bug. */
export const MAX_CAS_ATTEMPTS = 8;

export class StorageConflict extends Error {
  readonly code = 'storage_conflict';
  readonly retryable = true;
  constructor(what: string) {
    super(`${what} kept changing under concurrent writers; try again`);
    this.name = 'StorageConflict';
  }
}

/** A stored value with the revision a compare-and-set must name to replace it. */
export interface StoredRevision<T> {
  value: T;
  rev: number;
}
