// `@ohmymkt …` in a channel: Bolt has already acked the event; the run starts off the request path.
import type { App } from '@slack/bolt';
import { handOver } from '../handover.ts';
import type { Runs } from '../runs/starter.ts';
import type { ListenerDeps } from './deps.ts';

export function registerMention(app: App, deps: ListenerDeps & { runs: Runs }): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    const user = event.user;
    if (!user) return;
    const teamId = body.team_id;
    handOver(deps, body, 'mention', () =>
      deps.runs.startFromMention({
        program: { teamId, channelId: event.channel },
        actor: { userId: user, surface: 'mention' },
        text: event.text,
        threadTs: event.thread_ts ?? event.ts,
        botUserId: context.botUserId,
        client,
      }),
    );
  });
}
