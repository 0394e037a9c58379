// `/ohmymkt`: parse inside the ack (a usage problem is answered right there, privately, and changes
// nothing), then hand the work over so no store or Claude call ever delays the ack.
import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor, ProgramRef } from '../../domain/program.ts';
import type { Message } from '../blocks/kit.ts';
import { answerInAck, executeCommand, refusal } from '../commands/execute.ts';
import type { Replies } from '../commands/spec.ts';
import { parseCommand } from '../commands/table.ts';
import { handOver } from '../handover.ts';
import { COMMAND } from '../ids.ts';
import { startInNewThread } from '../start-run.ts';
import { failureMessage, slackErrorCode } from '../failures.ts';
import { errorForPeople } from '../../services/public-errors.ts';
import type { ListenerDeps } from './deps.ts';

function replies(client: WebClient, respond: RespondFn, channel: string): Replies {
  const privately = async (message: Message) => {
    await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
  };
  return {
    private: privately,
    async channel(message) {
      try {
        return (await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks })).ts;
      } catch (error) {
        if (slackErrorCode(error) !== 'not_in_channel' && slackErrorCode(error) !== 'channel_not_found') throw error;
        await privately(failureMessage('I am not in this channel yet: invite me with `/invite @ohmymkt`, then try again.'));
        return undefined;
      }
    },
    async inThread(threadTs, message, options) {
      await client.chat.postMessage({ channel, thread_ts: threadTs, text: message.text, blocks: message.blocks, reply_broadcast: options?.broadcast === true });
    },
  };
}

export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client, body }) => {
    const parsed = parseCommand(command.text ?? '');
    if (!parsed.ok) {
      const message = refusal(parsed, command.text?.trim().split(/\s+/)[0]);
      await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      return;
    }
    const inAck = answerInAck(parsed.value);
    if (inAck) {
      await ack({ response_type: 'ephemeral', text: inAck.text, blocks: inAck.blocks });
      return;
    }
    await ack();
    const program: ProgramRef = { teamId: command.team_id, channelId: command.channel_id };
    const actor: Actor = { userId: command.user_id, surface: 'slash' };
    const value = parsed.value;
    const answer = replies(client, respond, command.channel_id);
    handOver(
      deps,
      body,
      `command:${value.kind}`,
      () =>
        executeCommand(value, {
          services: deps.services,
          agents: deps.agents,
          program,
          actor,
          replies: answer,
          role: async () => ({ isAdmin: await deps.roles.isAdmin(client, command.user_id) }),
          threadLink: async (threadTs: string) => (await client.chat.getPermalink({ channel: command.channel_id, message_ts: threadTs }).catch(() => undefined))?.permalink,
          startRun: (request) => startUltrawork(deps, client, program, command.user_id, request),
          openProviderSettings: () => deps.providers.openModal({ program, actor, triggerId: command.trigger_id, client }),
        }),
      (error) => answer.private(failureMessage(`\`/ohmymkt ${value.kind.replace('.', ' ')}\` did not complete. ${describe(error)}`)),
    );
  });
}

/** `/ohmymkt ulw …` has no message to thread under, so the run gets a parent message of its own. */
function startUltrawork(deps: ListenerDeps, client: WebClient, program: ProgramRef, userId: string, request: string): Promise<void> {
  return startInNewThread(deps.runs, client, program, userId, { shown: request, text: `ulw ${request}`, emoji: ':zap:' });
}

function describe(error: unknown): string {
  return `${errorForPeople(error)}.`;
}
