// Chooses the storage backend: MongoDB when a URI is configured (what several replicas share),
// otherwise the embedded store in the data directory (one process, no server to run).
import { StoreUnavailable, type DocumentStore } from './port.ts';
import type { StoreLog } from './embedded/collection.ts';
import { openEmbeddedStore } from './embedded/store.ts';
import { openMongoStore } from './mongo/store.ts';

/** `log` hears what the embedded store repaired on its own (a torn last record dropped). */
export function openStore(config: { mongodbUri?: string; dataDir: string }, log?: StoreLog): Promise<DocumentStore> {
  return config.mongodbUri ? openMongoStore(config.mongodbUri) : openEmbeddedStore(config.dataDir, log ? { log } : {});
}

export interface RetryPolicy {
  attempts: number;
  /** Wait before attempt n+1 is n × this. */
  backoffMs: number;
  onRetry: (attempt: number, error: StoreUnavailable) => void;
  log?: StoreLog;
}

/**
 * A store that is briefly unreachable at start (a database still booting next to the app) gets a few
 * more tries before the start fails with the last error; anything but unavailability fails at once.
 */
export async function openStoreRetrying(config: { mongodbUri?: string; dataDir: string }, policy: RetryPolicy): Promise<DocumentStore> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await openStore(config, policy.log);
    } catch (error) {
      if (!(error instanceof StoreUnavailable) || attempt >= policy.attempts) throw error;
      policy.onRetry(attempt, error);
      await new Promise((resolve) => setTimeout(resolve, attempt * policy.backoffMs));
    }
  }
}
