// Sends requests to the app's `POST /slack/events` exactly as Slack does: the body encoded per kind and
// signed with the v0 HMAC scheme Bolt verifies. Payload builders are re-exported for one import.
import { createHmac } from 'node:crypto';

export * from './slack-payloads.ts';

export type SlackRequestKind = 'event' | 'command' | 'interactive';

export interface PostOptions {
  /** How Slack encodes the body; inferred from the payload when omitted. */
  kind?: SlackRequestKind;
  /** `X-Slack-Retry-Num`, set when Slack redelivers an event it saw no timely 200 for. */
  retryNum?: number;
  /** `X-Slack-Retry-Reason`, e.g. `http_timeout`, `http_error`. */
  retryReason?: string;
  /** Unix seconds for `X-Slack-Request-Timestamp`; default now. Bolt refuses anything over 5 minutes old. */
  timestamp?: number;
  /** Sent instead of the correct `X-Slack-Signature`, to prove forgeries are refused. */
  signatureOverride?: string;
}

export interface SlackAppResponse {
  status: number;
  text: string;
  json?: unknown;
}

/** `v0=<hex HMAC-SHA256 of "v0:timestamp:body">`, the value of `X-Slack-Signature`. */
export function sign(secret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

function inferKind(body: Record<string, unknown>): SlackRequestKind {
  if (body['type'] === 'event_callback' || body['type'] === 'url_verification') return 'event';
  if (typeof body['command'] === 'string') return 'command';
  return 'interactive';
}

/** The raw body and content type Slack uses for each kind of delivery. */
export function encodeBody(kind: SlackRequestKind, body: Record<string, unknown>): { raw: string; contentType: string } {
  switch (kind) {
    case 'event':
      return { raw: JSON.stringify(body), contentType: 'application/json' };
    case 'command':
      return {
        raw: new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'interactive':
      return {
        raw: new URLSearchParams({ payload: JSON.stringify(body) }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
  }
}

export async function postToSlackApp(
  url: string,
  secret: string,
  body: Record<string, unknown>,
  options: PostOptions = {},
): Promise<SlackAppResponse> {
  const { raw, contentType } = encodeBody(options.kind ?? inferKind(body), body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signatureOverride ?? sign(secret, timestamp, raw),
  };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  const response = await fetch(url, { method: 'POST', headers, body: raw });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // Acks are often empty or plain text; only JSON answers get a parsed form.
  }
  return json === undefined ? { status: response.status, text } : { status: response.status, text, json };
}
