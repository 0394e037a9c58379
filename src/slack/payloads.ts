// The fields ohmymkt reads from Slack's block_actions and message payloads, parsed with zod instead of
// cast: a payload without them is logged (its shape, never its text) and ignored, never a crash.
import { z } from 'zod';
import type { Logger } from '../logging.ts';

// https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
const BlockActionSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string().optional() }).nullish(),
  channel: z.object({ id: z.string().optional() }).nullish(),
  container: z.object({ channel_id: z.string().optional() }).nullish(),
  trigger_id: z.string().optional(),
  // The action clicked is the first; a button's value is ours (JSON or an id), others carry none.
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

/** One click on a button: who, where (the channel of a message, or of the container), and the button's value. */
export interface Click {
  userId: string;
  teamId: string | undefined;
  /** The message's channel as Slack names it in `channel`; undefined from a modal or the App Home. */
  channelId: string | undefined;
  /** `channelId`, or the container's channel when Slack names it only there. */
  anyChannelId: string | undefined;
  triggerId: string | undefined;
  value: string | undefined;
}

// https://docs.slack.dev/reference/events/message: the envelope around a thread reply.
const MessageEnvelopeSchema = z.object({
  type: z.string().optional(),
  event_id: z.string().optional(),
  team_id: z.string().min(1),
  // The installations this event is delivered to; their bot users are the ones a mention can name.
  authorizations: z.array(z.object({ user_id: z.string().optional() })).optional(),
});

export type MessageEnvelope = z.infer<typeof MessageEnvelopeSchema>;

function parsed<T>(schema: z.ZodType<T>, payload: unknown, logger: Logger, job: string): T | undefined {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  logger.warn('slack_payload_invalid', { job, issues: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`) });
  return undefined;
}

export function parseClick(body: unknown, logger: Logger, job: string): Click | undefined {
  const action = parsed(BlockActionSchema, body, logger, job);
  if (!action) return undefined;
  const channelId = action.channel?.id;
  return {
    userId: action.user.id,
    teamId: action.team?.id ?? action.user.team_id,
    channelId,
    anyChannelId: channelId ?? action.container?.channel_id,
    triggerId: action.trigger_id,
    value: action.actions[0]?.value,
  };
}

export function parseMessageEnvelope(body: unknown, logger: Logger, job: string): MessageEnvelope | undefined {
  return parsed(MessageEnvelopeSchema, body, logger, job);
}
