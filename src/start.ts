// The composition root: opens the store, builds the Bolt app with every listener, and starts it.
// main.ts calls it with the real environment; tests call it with a Config object and loopback fakes.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { App } from '@slack/bolt';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Logger } from './logging.ts';
import { createBoltApp } from './slack/app.ts';
import { JobRunner } from './slack/jobs.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { openStore } from './store/open.ts';
import type { DocumentStore } from './store/port.ts';
import { openRepositories } from './store/repos/index.ts';
import { providerSettings } from './slack/provider-settings.ts';
import { Runs } from './slack/runs/starter.ts';

export interface StartOptions {
  logger: Logger;
  clock?: Clock;
  /** An already open store, shared by several app instances in tests (as replicas share MongoDB). */
  store?: DocumentStore;
  /** Interface to bind in HTTP mode; all interfaces when absent. */
  host?: string;
}

export interface Running {
  app: App;
  port: number | undefined;
  storeKind: DocumentStore['kind'];
  jobs: JobRunner;
  stop(): Promise<void>;
}

export async function startOhmymkt(config: Config, options: StartOptions): Promise<Running> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const ownsStore = options.store === undefined;
  const store = options.store ?? (await openStore(config.store));
  const repos = await openRepositories(store);
  const jobs = new JobRunner(logger);
  const app = createBoltApp({ config, logger, storeReady: () => store.ping() });
  registerListeners(app, {
    logger,
    jobs,
    deliveries: repos.deliveries,
    clock,
    services: { repos, clock },
    runs: new Runs(),
    providers: providerSettings(),
  });
  app.error(async (error) => logger.error('bolt_error', { error }));
  await app.init();

  let port: number | undefined;
  if (config.slack.mode === 'http') {
    const server = (await app.start({ port: config.port, ...(options.host ? { host: options.host } : {}) })) as Server;
    port = (server.address() as AddressInfo).port;
  } else {
    await app.start();
    port = config.port;
  }

  let stopped = false;
  return {
    app,
    port,
    storeKind: store.kind,
    jobs,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop();
      await jobs.idle();
      if (ownsStore) await store.close();
    },
  };
}
