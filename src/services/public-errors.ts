// What a person is told about a storage failure: never a host, port, URI or path. The full error,
// with those, goes to the log only.
import { StoreCorrupt, StoreUnavailable } from '../store/port.ts';
import { StorageConflict } from '../store/repos/stored.ts';

/** The sentence for a storage failure, or undefined when the error is not one. */
export function storageErrorText(error: unknown): string | undefined {
  if (error instanceof StoreUnavailable || (error as { code?: unknown } | null)?.code === 'storage_unavailable') {
    return 'storage is unreachable; please try again in a moment';
  }
  if (error instanceof StoreCorrupt) return 'a stored record could not be read; an admin has to look at the log';
  if (error instanceof StorageConflict) return 'too many changes at the same moment; please try again';
  return undefined;
}

/** Any failure in words for Slack: storage as above, a model's own message, else a pointer to the log. */
export function errorForPeople(error: unknown): string {
  const storage = storageErrorText(error);
  if (storage !== undefined) return storage;
  if (error instanceof Error && 'retryable' in error && error.retryable === true) return `${error.message}. Please try again in a moment`;
  return 'The error was logged; please try again, and tell your admin if it keeps happening';
}
