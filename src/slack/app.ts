// Builds the real Bolt app for either transport: HTTP (signed requests on /slack/events) or Socket
// Mode when an app-level token is configured, unless the caller brings its own receiver (the local
// terminal). Listeners are registered by the caller.
import { App, type InstallationStore, type Receiver } from '@slack/bolt';
import type { Config } from '../config.ts';
import { boltLogger, type Logger } from '../logging.ts';
import { healthRoutes } from './health.ts';
import { installerSettings } from './oauth/options.ts';
import { guardedHttpReceiver } from './receiver.ts';
import { pacedFetch } from './pacing.ts';

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  storeReady: () => Promise<void>;
  /** Delivers payloads itself instead of Slack: no signature to check, no port, no health routes. */
  receiver?: Receiver;
  /** OAuth mode (config.slack.oauth): where Bolt's installer keeps each workspace's installation. */
  installationStore?: InstallationStore;
}

export function createBoltApp({ config, logger, storeReady, receiver, installationStore }: SlackAppOptions): App {
  const customRoutes = healthRoutes(storeReady);
  const apiUrl = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  if (config.slack.oauth && !installationStore) throw new Error('OAuth mode needs an installation store');
  // OAuth mode: no token here; Bolt's installer serves /slack/install and the redirect, and its authorize
  // gives each request the token of the workspace it came from.
  const oauth = config.slack.oauth && installationStore ? installerSettings(config.slack.oauth, installationStore, config.slack.apiUrl) : undefined;
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
      ...oauth,
      appToken: config.slack.appToken,
      socketMode: true,
      customRoutes,
      // Bolt hands the socket client the app's clientOptions unless given its own. Without our 3 retries it
      // keeps @slack/socket-mode's retry policy for apps.connections.open: a short Slack outage while
      // reconnecting then delays the reconnect instead of ending in an unhandled rejection (process exit).
      // In OAuth mode the install pages are served on this port.
      installerOptions: { ...oauth?.installerOptions, port: config.port, clientOptions: { ...apiUrl } },
    });
  }
  // Our screen in front of Bolt's receiver: malformed signed bodies get 400, future timestamps 401 (receiver.ts).
  return new App({ ...common, receiver: guardedHttpReceiver({ signingSecret: config.slack.signingSecret ?? '', customRoutes, logger, boltLogger: common.logger, ...(oauth ? { oauth } : {}) }) });
}
