// The ThreadPort when workspaces differ (OAuth mode): each run's posts go through the thread poster of the
// client holding its own workspace's token, found from the team the run is stored with.
import type { WebClient } from '@slack/web-api';
import type { ThreadPort } from '../../runs/ports.ts';
import type { TeamClients } from '../oauth/team-clients.ts';

export function perTeamThread(clients: TeamClients, threadOn: (client: WebClient) => ThreadPort): ThreadPort {
  // Keyed by client: a reinstall brings a new token, hence a new client and a fresh poster.
  const posters = new WeakMap<WebClient, ThreadPort>();
  const posterFor = async (teamId: string): Promise<ThreadPort> => {
    const client = await clients.forTeam(teamId);
    let poster = posters.get(client);
    if (!poster) {
      poster = threadOn(client);
      posters.set(client, poster);
    }
    return poster;
  };
  return {
    post: async (run, post) => (await posterFor(run.teamId)).post(run, post),
    update: async (run, messageTs, post) => (await posterFor(run.teamId)).update(run, messageTs, post),
    working: async (run, status) => (await posterFor(run.teamId)).working(run, status),
    progress: async (run, change) => (await posterFor(run.teamId)).progress(run, change),
  };
}
