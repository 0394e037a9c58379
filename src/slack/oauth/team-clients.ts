// A Web API client for work that belongs to a workspace but runs outside any Slack request (a run's thread
// posts, scheduled reports): with one SLACK_BOT_TOKEN the app's own client, in OAuth mode a client holding
// that workspace's installed token. Inside a request, Bolt's listener client already carries the right one.
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackInstallations } from './installations.ts';

export interface TeamClients {
  /** Rejects with NotInstalled when no installation serves the workspace. */
  forTeam(teamId: string): Promise<WebClient>;
  /** False when the workspace's jobs must not run (uninstalled); always true with one token. */
  installed(teamId: string): Promise<boolean>;
}

export function singleTokenClients(client: WebClient): TeamClients {
  return { forTeam: async () => client, installed: async () => true };
}

export function installedClients(installations: SlackInstallations, options: WebClientOptions): TeamClients {
  // One client per token, so each keeps its own retry and pacing state like Bolt's per-team clients do.
  const clients = new Map<string, WebClient>();
  return {
    async forTeam(teamId) {
      const token = await installations.botTokenForTeam(teamId);
      let client = clients.get(token);
      if (!client) {
        client = new WebClient(token, options);
        clients.set(token, client);
      }
      return client;
    },
    installed: (teamId) => installations.isInstalled(teamId),
  };
}
