// How the app's Web API client waits for Slack. @slack/web-api answers a 429 by pausing its one
// request queue for the whole Retry-After, so a rate limit on one channel would stall posting in
// every channel. The client gets this fetch instead: a 429 is waited out here, only by later calls
// of the same method to the same channel (Slack's limits are per method, and chat.postMessage's
// per channel), and never returned to the client's queue. Every request also gets a timeout, and a
// Retry-After longer than we are willing to wait fails the call with a message a person can act on.
import { z } from 'zod';
import { parseJson } from '../json.ts';

/** Longest Retry-After honoured; longer ones fail the call (a run reports it and offers Retry). */
export const MAX_HONOURED_RETRY_AFTER_SECONDS = 60;
/** One HTTP request to Slack; the client's own retry policy decides whether to try again. */
export const SLACK_REQUEST_TIMEOUT_MS = 20_000;
/** 429s in a row for one call before it gives up, however short each wait. */
const MAX_RATE_LIMITED_ATTEMPTS = 5;

export class SlackRateLimited extends Error {
  readonly code = 'slack_rate_limited';
  readonly retryable = true;
  constructor(method: string, channel: string | undefined, seconds: number) {
    super(
      `Slack asked ohmymkt to wait ${seconds} s before calling ${method}${channel ? ` in ${channel}` : ''} again, ` +
        `longer than the ${MAX_HONOURED_RETRY_AFTER_SECONDS} s it waits; try again later.`,
    );
    this.name = 'SlackRateLimited';
  }
}

export interface PacingOptions {
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
  maxRetryAfterSeconds?: number;
}

/** The method (last path segment) and the `channel` argument of a Web API request. */
function target(input: Parameters<typeof fetch>[0], body: unknown): { method: string; channel: string | undefined } {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const method = new URL(url).pathname.split('/').pop() ?? '';
  let channel: string | undefined;
  if (typeof body === 'string') {
    // The client sends form-encoded bodies, JSON for a few methods.
    channel = body.trimStart().startsWith('{') ? jsonChannel(body) : (new URLSearchParams(body).get('channel') ?? undefined);
  } else if (body instanceof URLSearchParams) {
    channel = body.get('channel') ?? undefined;
  }
  return { method, channel };
}

const ChannelSchema = z.object({ channel: z.string() });

function jsonChannel(body: string): string | undefined {
  const parsed = ChannelSchema.safeParse(parseJson(body));
  return parsed.success ? parsed.data.channel : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function pacedFetch(options: PacingOptions = {}): typeof fetch {
  const base = options.fetch ?? fetch;
  const timeoutMs = options.requestTimeoutMs ?? SLACK_REQUEST_TIMEOUT_MS;
  const maxWaitMs = (options.maxRetryAfterSeconds ?? MAX_HONOURED_RETRY_AFTER_SECONDS) * 1000;
  /** When each method+channel may be called again. */
  const blockedUntil = new Map<string, number>();

  return async (input, init) => {
    const { method, channel } = target(input, init?.body);
    const key = `${method}:${channel ?? ''}`;
    for (let attempt = 1; ; attempt += 1) {
      const wait = (blockedUntil.get(key) ?? 0) - Date.now();
      if (wait > maxWaitMs) throw new SlackRateLimited(method, channel, Math.ceil(wait / 1000));
      if (wait > 0) await sleep(wait);
      else blockedUntil.delete(key);
      // Our own timeout, started now: the client's would also count the rate-limit wait above.
      const response = await base(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const seconds = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      // Without a usable Retry-After the client reports the 429 itself (and does not pause its queue).
      if (response.status !== 429 || Number.isNaN(seconds)) return response;
      await response.body?.cancel();
      blockedUntil.set(key, Math.max(blockedUntil.get(key) ?? 0, Date.now() + seconds * 1000));
      if (seconds * 1000 > maxWaitMs || attempt >= MAX_RATE_LIMITED_ATTEMPTS) throw new SlackRateLimited(method, channel, seconds);
    }
  };
}
