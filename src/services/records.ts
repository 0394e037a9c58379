// Writes to keyed program records: read, apply a pure change, compare-and-set, retry on a lost race.
// A record that does not exist yet is created by the same change (it sees `undefined`).
import type { ProgramRef } from '../domain/program.ts';
import { ok, type Result } from '../domain/result.ts';
import type { Records } from '../store/repos/records.ts';
import { MAX_CAS_ATTEMPTS, StorageConflict } from '../store/repos/stored.ts';

export async function saveRecord<T>(
  records: Records<T>,
  program: ProgramRef,
  key: string,
  change: (current: T | undefined) => Result<T>,
): Promise<Result<T>> {
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
    const stored = await records.get(program, key);
    const next = change(stored?.value);
    if (!next.ok) return next;
    const written =
      stored === undefined
        ? (await records.insert(program, key, await records.nextSequence(program), next.value)) === 'inserted'
        : await records.replace(program, key, stored.rev, next.value);
    if (written) return ok(next.value);
  }
  throw new StorageConflict(`${key} of channel ${program.channelId}`);
}
