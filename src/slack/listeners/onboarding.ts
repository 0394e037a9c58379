// Onboarding: when ohmymkt itself is added to a channel it posts one welcome with three suggested first
// requests. A suggestion starts a run as the person who clicked, the way a mention does, or first asks
// them in a modal for the one detail it needs.
import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { parseJson } from '../../json.ts';
import { detailModal, detailOf, DetailTargetSchema, suggestedRequest, suggestion, SuggestionIdSchema, welcomeMessage } from '../blocks/welcome.ts';
import { handOver } from '../handover.ts';
import { parseClick } from '../payloads.ts';
import { ACTION_IDS, CALLBACK_IDS } from '../ids.ts';
import { startInNewThread } from '../start-run.ts';
import type { ListenerDeps } from './deps.ts';

// https://docs.slack.dev/reference/events/member_joined_channel
const JoinedSchema = z.object({ user: z.string().min(1), channel: z.string().min(1) });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function registerOnboarding(app: App, deps: ListenerDeps): void {
  app.event('member_joined_channel', async ({ event, body, client, context }) => {
    const joined = JoinedSchema.safeParse(event);
    // Only the bot's own arrival is news to ohmymkt; people joining later are not greeted.
    if (!joined.success || !context.botUserId || joined.data.user !== context.botUserId) return;
    const { channel } = joined.data;
    handOver(deps, body, 'welcome', async () => {
      const welcome = welcomeMessage();
      await client.chat.postMessage({ channel, text: welcome.text, blocks: welcome.blocks });
    });
  });

  app.action<BlockAction>(new RegExp(`^${escapeRegExp(ACTION_IDS.suggestRequest)}:`), async ({ ack, body, client }) => {
    await ack();
    const click = parseClick(body, deps.logger, `action:${ACTION_IDS.suggestRequest}`);
    const chosen = SuggestionIdSchema.safeParse(click?.value);
    if (!click?.teamId || !click.anyChannelId || !chosen.success) return;
    const { userId, triggerId } = click;
    const program = { teamId: click.teamId, channelId: click.anyChannelId };
    const picked = suggestion(chosen.data);
    handOver(deps, body, `action:${ACTION_IDS.suggestRequest}`, async () => {
      if (picked.detail) {
        if (triggerId) await client.views.open({ trigger_id: triggerId, view: detailModal({ ...program, suggestion: picked.id }) });
        return;
      }
      const request = suggestedRequest(picked);
      await startInNewThread(deps.runs, client, program, userId, { shown: request, text: request, emoji: ':speech_balloon:' });
    });
  });

  app.view(CALLBACK_IDS.suggestionDetail, async ({ ack, body, view, client }) => {
    const detail = detailOf(view.state.values);
    if (detail === undefined) {
      await ack({ response_action: 'errors', errors: { detail: 'A few words are enough (at least 3 characters).' } });
      return;
    }
    await ack();
    const target = DetailTargetSchema.safeParse(parseJson(view.private_metadata));
    if (!target.success) return;
    const { teamId, channelId } = target.data;
    const request = suggestedRequest(suggestion(target.data.suggestion), detail);
    handOver(deps, body, 'view:suggestion', () =>
      startInNewThread(deps.runs, client, { teamId, channelId }, body.user.id, { shown: request, text: request, emoji: ':speech_balloon:' }),
    );
  });
}
