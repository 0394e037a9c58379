// App Home: opening its Home tab publishes the person's view (their programs, what waits for them, their
// runs). The view's thread buttons are links Slack opens itself; their clicks are only acked.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { handOver } from '../handover.ts';
import { ACTION_IDS } from '../ids.ts';
import type { ListenerDeps } from './deps.ts';

// https://docs.slack.dev/reference/events/app_home_opened: `tab` is "home" or "messages".
const HomeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string() });
const EnvelopeSchema = z.object({ team_id: z.string().min(1) });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function registerHome(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    const opened = HomeOpenedSchema.safeParse(event);
    const envelope = EnvelopeSchema.safeParse(body);
    if (!opened.success || !envelope.success || opened.data.tab !== 'home') return;
    const { user } = opened.data;
    handOver(deps, body, 'home', () => deps.home.publish(client, envelope.data.team_id, user));
  });

  app.action(new RegExp(`^${escapeRegExp(ACTION_IDS.openThread)}(:\\d+)?$`), async ({ ack }) => {
    await ack();
  });
}
