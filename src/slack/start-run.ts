// A run asked for from somewhere other than a message (`/ohmymkt ulw`, a suggested first request) has no
// message to thread under, so it gets a parent message of its own naming who asked, then starts there.
import type { WebClient } from '@slack/web-api';
import type { ProgramRef } from '../domain/program.ts';
import type { RunEvents } from '../runs/events.ts';
import { section } from './blocks/kit.ts';
import { mrkdwnEscape, truncate } from './blocks/limits.ts';

export async function startInNewThread(
  runs: RunEvents,
  client: WebClient,
  program: ProgramRef,
  userId: string,
  request: { shown: string; text: string; emoji: string },
): Promise<void> {
  const parent = await client.chat.postMessage({
    channel: program.channelId,
    // The request is anyone's text: escaped, so a `<!channel>` in it cannot ping the channel.
    text: `<@${userId}> asked: ${mrkdwnEscape(truncate(request.shown, 200))}`,
    blocks: [section(`${request.emoji} <@${userId}> asked: ${mrkdwnEscape(request.shown)}`)],
  });
  const threadTs = parent.ts;
  if (!threadTs) throw new Error('Slack did not return the ts of the run message');
  await runs.start({ program, requesterId: userId, threadTs, text: request.text }, async (created) => {
    // Marked 👀 like a mention, so the mark follows the run from there (slack/runs/presence.ts).
    if (created === 'inserted') await client.reactions.add({ channel: program.channelId, timestamp: threadTs, name: 'eyes' }).catch(() => undefined);
  });
}
