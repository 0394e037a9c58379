// `@ohmymkt …` in a channel starts a run in the mention's thread; a person's reply in a run's thread
// continues it. Bolt has already acked the event; the work happens off the request path.
import type { App } from '@slack/bolt';
import { stripBotMention } from '../../domain/router.ts';
import { handOver, handOverOnceStored } from '../handover.ts';
import { parseMessageEnvelope, type MessageEnvelope } from '../payloads.ts';
import type { ListenerDeps } from './deps.ts';

export function registerMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    const user = event.user;
    if (!user || event.bot_id) return;
    const program = { teamId: body.team_id, channelId: event.channel };
    // A mention inside an existing thread is a reply to that run, not a new run.
    const threadTs = event.thread_ts ?? event.ts;
    // Said in the thread, so the person is never left with a silent mention while storage is down.
    const say = (text: string) => client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, text }).then(() => undefined);
    const notices = {
      waiting: (forMs: number) =>
        say(`:hourglass_flowing_sand: I can't reach my storage right now. Your request is kept, and the run will start as soon as storage is back (I keep trying for ${spell(forMs)}); no need to ask again.`),
      gaveUp: () => say(':warning: My storage is still unreachable, so this request was not started. Please mention me again once ohmymkt is back.'),
    };
    handOverOnceStored(deps, body, 'mention', async (stored) => {
      if (event.thread_ts && (await deps.services.repos.runs.get(program, event.thread_ts))) {
        await deps.runs.reply(program, event.thread_ts, user, stripBotMention(event.text, context.botUserId).trim());
        return;
      }
      const input = { program, requesterId: user, threadTs, text: event.text, ...(context.botUserId ? { botUserId: context.botUserId } : {}) };
      await deps.runs.start(input, async (created) => {
        await stored();
        // Only the delivery that created the run reacts: replays of it arrive at the same moment.
        if (created === 'duplicate') return;
        await client.reactions.add({ channel: event.channel, timestamp: event.ts, name: 'eyes' }).catch((error: unknown) => {
          deps.logger.debug('reaction_failed', { channel: event.channel, error });
        });
      });
    }, notices);
  });

  app.message(async ({ message, body }) => {
    // Only people's replies in a thread; edits, joins, bots and top-level messages are not answers.
    if (message.subtype !== undefined || !('thread_ts' in message) || !message.thread_ts || message.thread_ts === message.ts) return;
    if (!('user' in message) || !message.user || ('bot_id' in message && message.bot_id)) return;
    const text = 'text' in message ? (message.text ?? '') : '';
    const envelope = parseMessageEnvelope(body, deps.logger, 'thread_reply');
    // Mentions in a thread arrive twice (app_mention and message); the app_mention path handles them.
    if (!envelope || mentionsBot(envelope, text)) return;
    const program = { teamId: envelope.team_id, channelId: message.channel };
    const { thread_ts: threadTs, user } = message;
    handOver(deps, envelope, 'thread_reply', () => deps.runs.reply(program, threadTs, user, text));
  });
}

function spell(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 1) return minutes === 1 ? 'a minute' : `${minutes} minutes`;
  return `${Math.max(1, Math.round(ms / 1000))} seconds`;
}

function mentionsBot(envelope: MessageEnvelope, text: string): boolean {
  return (envelope.authorizations ?? []).some((a) => a.user_id !== undefined && text.includes(`<@${a.user_id}>`));
}
