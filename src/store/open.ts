// Chooses the storage backend: MongoDB when a URI is configured (what several replicas share),
// otherwise the embedded store in the data directory (one process, no server to run).
import type { DocumentStore } from './port.ts';
import { openEmbeddedStore } from './embedded/store.ts';
import { openMongoStore } from './mongo/store.ts';

export function openStore(config: { mongodbUri?: string; dataDir: string }): Promise<DocumentStore> {
  return config.mongodbUri ? openMongoStore(config.mongodbUri) : openEmbeddedStore(config.dataDir);
}
