// `/ohmymkt`: parse inside the ack (a usage problem is answered right there, privately, and changes
// nothing), then hand the work over so no store or Claude call ever delays the ack.
import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor, ProgramRef } from '../../domain/program.ts';
import { helpMessage } from '../blocks/help.ts';
import type { Message } from '../blocks/kit.ts';
import { executeCommand, refusal, type Replies } from '../commands/execute.ts';
import { parseCommand } from '../commands/parse.ts';
import { handOver } from '../handover.ts';
import { failureMessage, slackErrorCode } from '../failures.ts';
import type { ListenerDeps } from './deps.ts';

function replies(client: WebClient, respond: RespondFn, channel: string): Replies {
  const privately = async (message: Message) => {
    await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
  };
  return {
    private: privately,
    async channel(message) {
      try {
        await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      } catch (error) {
        if (slackErrorCode(error) !== 'not_in_channel' && slackErrorCode(error) !== 'channel_not_found') throw error;
        await privately(failureMessage('I am not in this channel yet: invite me with `/invite @ohmymkt`, then try again.'));
      }
    },
  };
}

export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command('/ohmymkt', async ({ command, ack, respond, client, body }) => {
    const parsed = parseCommand(command.text ?? '');
    if (!parsed.ok) {
      const message = refusal(parsed);
      await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      return;
    }
    if (parsed.value.kind === 'help') {
      const message = helpMessage();
      await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      return;
    }
    await ack();
    const program: ProgramRef = { teamId: command.team_id, channelId: command.channel_id };
    const actor: Actor = { userId: command.user_id, surface: 'slash' };
    const value = parsed.value;
    handOver(deps, body, `command:${value.kind}`, async () => {
      const answer = replies(client, respond, command.channel_id);
      try {
        if (value.kind === 'ulw') return await deps.runs.startFromCommand({ program, actor, request: value.request, client, reply: answer });
        if (value.kind === 'provider') return await deps.providers.openModal({ program, actor, triggerId: command.trigger_id, client });
        await executeCommand(value, { services: deps.services, program, actor, replies: answer });
      } catch (error) {
        deps.logger.error('command_failed', { kind: value.kind, team: program.teamId, channel: program.channelId, error });
        await answer.private(failureMessage(`\`/ohmymkt ${value.kind.replace('.', ' ')}\` did not complete. ${describe(error)}`));
      }
    });
  });
}

function describe(error: unknown): string {
  if (error instanceof Error && 'retryable' in error && error.retryable) return `${error.message}. Please try again in a moment.`;
  return 'The error was logged; please try again, and tell your admin if it keeps happening.';
}
