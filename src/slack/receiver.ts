// Bolt's HTTP receiver with a screen in front of POST /slack/events, so no input kills the process:
// a signed body that is not a Slack payload (`null`, an array, `payload=null`, a wrong shape) gets 400
// and a log line instead of a TypeError inside Bolt, and a timestamp more than five minutes ahead is
// refused like a stale one (Bolt checks only the past). Every request runs in a request scope, so a
// failure that escapes its handlers is logged with the request's id and the process stays up.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, isValidSlackRequest, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../logging.ts';
import type { InstallerSettings } from './oauth/options.ts';

const EVENTS_PATH = '/slack/events';
/** Bolt's own default body limit. */
const BODY_LIMIT = 4 * 1024 * 1024;
const MAX_SKEW_S = 5 * 60;

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` (and everything it starts, handed-over jobs included) as part of one request. */
export function withRequestScope<T>(requestId: string, work: () => T): T {
  return requestScope.run({ requestId }, work);
}

/** The id of the Slack request whose work is running now, if any (for the unhandled-rejection log). */
function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

const Id = z.string().min(1);
const EventBody = z.union([
  z.object({ type: z.literal('url_verification'), challenge: z.string() }),
  z.object({ type: z.literal('event_callback'), team_id: Id, event: z.object({ type: Id }) }),
  z.object({ type: z.literal('app_rate_limited') }),
]);
const InteractivePayload = z.union([
  z.object({ type: z.literal('block_actions'), user: z.object({ id: Id }), actions: z.array(z.object({ action_id: Id })) }),
  z.object({ type: z.enum(['view_submission', 'view_closed']), user: z.object({ id: Id }), view: z.object({ id: Id }) }),
  z.object({ type: z.enum(['shortcut', 'message_action', 'block_suggestion']), user: z.object({ id: Id }) }),
]);
const CommandBody = z.object({ command: Id, team_id: Id, channel_id: Id, user_id: Id, text: z.string().optional() });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Undefined when the body has the shape of a Slack delivery; otherwise what is wrong, for the log. */
export function bodyProblem(contentType: string, raw: string): string | undefined {
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(raw);
    if (form.get('ssl_check') === '1') return undefined;
    const payload = form.get('payload');
    if (payload !== null) return InteractivePayload.safeParse(parseJson(payload)).success ? undefined : 'payload is not an interactive payload';
    return CommandBody.safeParse(Object.fromEntries(form)).success ? undefined : 'form body is neither a command nor a payload';
  }
  return EventBody.safeParse(parseJson(raw)).success ? undefined : 'JSON body is not an Events API envelope';
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

export interface ReceiverOptions {
  signingSecret: string;
  customRoutes: CustomRoute[];
  logger: Logger;
  boltLogger: BoltLogger;
  now?: () => number;
  /** OAuth mode: Bolt's installer serves GET /slack/install and the redirect (not screened: no signed body). */
  oauth?: InstallerSettings;
}

export function guardedHttpReceiver({ signingSecret, customRoutes, logger, boltLogger, now = Date.now, oauth }: ReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, customRoutes, logger: boltLogger, ...oauth });
  const bolt = receiver.requestListener;

  /** True when the request may go on to Bolt; otherwise it has been answered. */
  async function screen(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<boolean> {
    const body = await readBody(req);
    if (body === undefined) {
      logger.warn('request_refused', { requestId, reason: 'body over 4 MB' });
      refuse(res, 413);
      return false;
    }
    // Bolt reads a request whose body is already buffered from `rawBody` instead of the spent stream.
    (req as IncomingMessage & { rawBody: Buffer }).rawBody = body;
    const raw = body.toString('utf8');
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    const signature = req.headers['x-slack-signature'];
    if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return true; // Bolt answers 401 and logs.
    const signed = isValidSlackRequest({ signingSecret, body: raw, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } });
    if (!signed) return true;
    if (timestamp > Math.floor(now() / 1000) + MAX_SKEW_S) {
      logger.warn('request_refused', { requestId, reason: 'timestamp more than 5 minutes in the future' });
      refuse(res, 401);
      return false;
    }
    const problem = bodyProblem(String(req.headers['content-type'] ?? ''), raw);
    if (problem !== undefined) {
      logger.warn('request_malformed', { requestId, reason: problem, bytes: body.length });
      refuse(res, 400);
      return false;
    }
    return true;
  }

  receiver.requestListener = (req, res) => {
    const requestId = randomUUID();
    withRequestScope(requestId, () => {
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      if (req.method !== 'POST' || path !== EVENTS_PATH) {
        bolt(req, res);
        return;
      }
      screen(req, res, requestId).then(
        (pass) => {
          if (pass) bolt(req, res);
        },
        (error: unknown) => {
          logger.error('request_failed', { requestId, error });
          if (!res.headersSent) refuse(res, 400);
        },
      );
    });
  };
  return receiver;
}

/**
 * The process-wide handler for unhandled rejections: inside a Slack request it is that request's
 * failure (logged with its id; the process serves the next one); outside any request it is fatal.
 */
export function onUnhandledRejection(logger: Logger, exit: (code: number) => void): (reason: unknown) => void {
  return (reason) => {
    const requestId = currentRequestId();
    if (requestId !== undefined) {
      logger.error('request_failed', { requestId, kind: 'unhandled_rejection', error: reason });
      return;
    }
    logger.error('fatal', { kind: 'unhandled_rejection', error: reason });
    exit(1);
  };
}
