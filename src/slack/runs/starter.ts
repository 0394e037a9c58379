// Starts a run from a mention or `/ohmymkt ulw`: routes the request and answers in its thread.
// The threaded agent run (requirements, review, approval, execution) is not part of this build;
// the reply says so rather than pretending agents ran.
import type { WebClient } from '@slack/web-api';
import type { Actor, ProgramRef } from '../../domain/program.ts';
import { routeRequest } from '../../domain/router.ts';
import { LIMITS, mrkdwnEscape, truncate } from '../blocks/limits.ts';
import type { RunStarter } from '../listeners/deps.ts';
import { routeReply } from './route-reply.ts';

const NOT_YET = 'Agent runs are not available in this version of ohmymkt yet; the slash commands work today (`/ohmymkt help`).';

export interface MentionInput {
  program: ProgramRef;
  actor: Actor;
  text: string;
  /** The mention's own ts: the run's thread. */
  threadTs: string;
  botUserId: string | undefined;
  client: WebClient;
}

export class Runs implements RunStarter {
  async startFromMention(input: MentionInput): Promise<void> {
    const route = routeRequest(input.text, input.botUserId ? { botUserId: input.botUserId } : {});
    const reply = routeReply(route, input.actor.userId, NOT_YET);
    await input.client.chat.postMessage({ channel: input.program.channelId, thread_ts: input.threadTs, text: reply.text, blocks: reply.blocks });
  }

  async startFromCommand(input: Parameters<RunStarter['startFromCommand']>[0]): Promise<void> {
    const request = `ulw ${input.request}`;
    const parent = await input.client.chat.postMessage({
      channel: input.program.channelId,
      text: `<@${input.actor.userId}> asked: ${truncate(input.request, 200)}`,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(`<@${input.actor.userId}> asked: ${mrkdwnEscape(input.request)}`, LIMITS.sectionText) } }],
    });
    if (!parent.ts) throw new Error('Slack did not return the ts of the run message');
    const route = routeRequest(request);
    const reply = routeReply(route, input.actor.userId, NOT_YET);
    await input.client.chat.postMessage({ channel: input.program.channelId, thread_ts: parent.ts, text: reply.text, blocks: reply.blocks });
  }
}
