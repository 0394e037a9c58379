// What a person sees when something fails: a short private message, never a stack trace or a secret.
import type { Message } from './blocks/kit.ts';
import { defuseBroadcasts, LIMITS, truncate } from './blocks/limits.ts';

export function failureMessage(text: string): Message {
  return {
    text: truncate(defuseBroadcasts(text), 300),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${truncate(defuseBroadcasts(text), LIMITS.sectionText - 20)}`, verbatim: true } }],
  };
}

/** The Web API error code carried by a @slack/web-api platform error, if any. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
