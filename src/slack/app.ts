// Builds the real Bolt app for either transport: HTTP (signed requests on /slack/events) or Socket
// Mode when an app-level token is configured, unless the caller brings its own receiver (the local
// terminal). Listeners are registered by the caller.
import { App, type Receiver } from '@slack/bolt';
import type { Config } from '../config.ts';
import { boltLogger, type Logger } from '../logging.ts';
import { healthRoutes } from './health.ts';
import { guardedHttpReceiver } from './receiver.ts';
import { pacedFetch } from './pacing.ts';

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  storeReady: () => Promise<void>;
  /** Delivers payloads itself instead of Slack: no signature to check, no port, no health routes. */
  receiver?: Receiver;
}

export function createBoltApp({ config, logger, storeReady, receiver }: SlackAppOptions): App {
  const customRoutes = healthRoutes(storeReady);
  const apiUrl = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  const common = {
    token: config.slack.botToken,
    logger: boltLogger(logger, config.logLevel),
    deferInitialization: true,
    // One pacing for every client Bolt makes from these options, so a 429 holds back only its channel.
    clientOptions: { ...apiUrl, retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 5000 }, fetch: pacedFetch() },
  };
  if (receiver) return new App({ ...common, receiver });
  if (config.slack.mode === 'socket') {
    return new App({
      ...common,
      appToken: config.slack.appToken,
      socketMode: true,
      customRoutes,
      // Bolt hands the socket client the app's clientOptions unless given its own. Without our 3 retries it
      // keeps @slack/socket-mode's retry policy for apps.connections.open: a short Slack outage while
      // reconnecting then delays the reconnect instead of ending in an unhandled rejection (process exit).
      installerOptions: { port: config.port, clientOptions: { ...apiUrl } },
    });
  }
  // Our screen in front of Bolt's receiver: malformed signed bodies get 400, future timestamps 401 (receiver.ts).
  return new App({ ...common, receiver: guardedHttpReceiver({ signingSecret: config.slack.signingSecret ?? '', customRoutes, logger, boltLogger: common.logger }) });
}
