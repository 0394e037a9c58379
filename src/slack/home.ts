// Publishes a person's App Home (views.publish): on app_home_opened, and again for the people a plan or
// an asset waited on once someone decided it. Thread links come from chat.getPermalink (no scope needed),
// kept per message since a permalink never changes.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { ProgramRef } from '../domain/program.ts';
import type { Logger } from '../logging.ts';
import { periodOf } from '../scheduler/periods.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { homeData } from '../services/home.ts';
import { homeView } from './blocks/home.ts';
import type { RoleLookup } from './roles.ts';

const PERMALINK_CACHE = 5000;
// A few at a time: each is one views.publish, paced per workspace like every other call.
const REFRESH_CONCURRENCY = 4;

const PermalinkSchema = z.object({ permalink: z.string().url() });

export interface HomePublisher {
  /** Builds and publishes `userId`'s Home; `isAdmin` is asked of Slack when not given. */
  publish(client: WebClient, teamId: string, userId: string, isAdmin?: boolean): Promise<void>;
  /** After a decision in `threadTs`: refreshes the Home of those it waited on (the requester and the approvers) who use it. */
  afterDecision(client: WebClient, program: ProgramRef, threadTs: string): Promise<void>;
}

export interface HomeDeps {
  services: ServiceDeps;
  roles: RoleLookup;
  logger: Logger;
  clock: Clock;
  /** OHMYMKT_TIMEZONE: "this week" starts on its Monday. */
  timezone: string;
}

export function homePublisher(deps: HomeDeps): HomePublisher {
  const permalinks = new Map<string, string>();

  async function permalink(client: WebClient, teamId: string, channelId: string, ts: string): Promise<string | undefined> {
    const key = `${teamId}:${channelId}:${ts}`;
    const known = permalinks.get(key);
    if (known) return known;
    try {
      const parsed = PermalinkSchema.safeParse(await client.chat.getPermalink({ channel: channelId, message_ts: ts }));
      if (!parsed.success) return undefined;
      if (permalinks.size >= PERMALINK_CACHE) permalinks.delete(permalinks.keys().next().value as string);
      permalinks.set(key, parsed.data.permalink);
      return parsed.data.permalink;
    } catch (error) {
      // A thread in a channel the bot left: shown without its button rather than failing the Home.
      deps.logger.debug('permalink_unavailable', { channel: channelId, ts, error });
      return undefined;
    }
  }

  async function publish(client: WebClient, teamId: string, userId: string, isAdmin?: boolean): Promise<void> {
    const admin = isAdmin ?? (await deps.roles.isAdmin(client, userId));
    const now = deps.clock.now();
    const weekStart = periodOf('weekly', now, deps.timezone).start;
    const data = await homeData(deps.services, { teamId, userId, isAdmin: admin, weekStart });
    const threads = [...data.waiting.map((item) => [item.program.channelId, item.threadTs] as const), ...data.runs.map(({ run }) => [run.channelId, run.threadTs] as const)];
    const links = new Map<string, string>();
    await Promise.all(
      threads.map(async ([channelId, ts]) => {
        const url = await permalink(client, teamId, channelId, ts);
        if (url) links.set(`${channelId}:${ts}`, url);
      }),
    );
    const view = homeView(data, { thread: (channelId, ts) => links.get(`${channelId}:${ts}`) }, now);
    await client.views.publish({ user_id: userId, view });
    await deps.services.repos.homeViews.opened(teamId, userId, admin, now);
  }

  return {
    publish,
    async afterDecision(client, program, threadTs) {
      const [run, { state }] = await Promise.all([deps.services.repos.runs.get(program, threadTs), deps.services.repos.programs.load(program)]);
      const people = [...new Set([...(run ? [run.requesterId] : []), ...state.approvers])];
      const viewers = await deps.services.repos.homeViews.viewers(program.teamId, people);
      for (let i = 0; i < viewers.length; i += REFRESH_CONCURRENCY) {
        await Promise.all(
          viewers.slice(i, i + REFRESH_CONCURRENCY).map((viewer) =>
            publish(client, program.teamId, viewer.userId, viewer.isAdmin).catch((error: unknown) =>
              deps.logger.warn('home_refresh_failed', { team: program.teamId, user: viewer.userId, error }),
            ),
          ),
        );
      }
    },
  };
}
