// The stores a scenario runs on: the embedded store always, and MongoDB (MONGODB_URI, else a jongodb
// server started for the file) — or the reason it cannot, printed as the skip.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import { openMongoStore } from '../../src/store/mongo/store.ts';
import type { DocumentStore } from '../../src/store/port.ts';
import { findJongodb, startJongodb, type Jongodb } from './jongodb.ts';

export interface ScenarioStore {
  name: string;
  skip: string | undefined;
  open(): Promise<DocumentStore>;
  /** Closes the store and removes what the scenario left behind. */
  close(): Promise<void>;
}

function embedded(): ScenarioStore {
  let dir = '';
  let store: DocumentStore | undefined;
  return {
    name: 'embedded store',
    skip: undefined,
    async open() {
      dir = await mkdtemp(join(tmpdir(), 'ohmymkt-scenario-'));
      return (store = await openEmbeddedStore(dir));
    },
    async close() {
      await store?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function mongo(): ScenarioStore {
  const envUri = process.env['MONGODB_URI'];
  const jongodb = findJongodb();
  let server: Jongodb | undefined;
  let store: DocumentStore | undefined;
  return {
    name: envUri ? 'MongoDB at MONGODB_URI' : 'MongoDB (jongodb)',
    skip: envUri || 'binary' in jongodb ? undefined : `no MongoDB to run on: ${'missing' in jongodb ? jongodb.missing : ''}`,
    async open() {
      const uri = envUri ?? (server = await startJongodb((jongodb as { binary: string }).binary)).uri;
      return (store = await openMongoStore(uri, { dbName: `ohmymkt_scenario_${process.pid}_${Date.now().toString(36)}` }));
    },
    async close() {
      await store?.close();
      server?.stop();
    },
  };
}

export function scenarioStores(): ScenarioStore[] {
  return [embedded(), mongo()];
}
