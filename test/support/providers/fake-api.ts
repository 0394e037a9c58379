// The common frame of the provider fakes: a loopback server that records every request and routes
// it to the fake's handler, plus the checks each fake needs (bearer tokens, HS256 tokens).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { listenLoopback, readBody, sendJson } from '../http.ts';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeRequest extends Recorded {
  json(): any;
  form(): Promise<FormData>;
}

export interface FakeApi {
  origin: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export type Handler = (req: FakeRequest, res: ServerResponse, origin: string) => void | Promise<void>;

export async function startFakeApi(handle: Handler): Promise<FakeApi> {
  const requests: Recorded[] = [];
  let origin = '';
  const listening = await listenLoopback(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const recorded: Recorded = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
    requests.push(recorded);
    await handle(
      {
        ...recorded,
        json: () => JSON.parse(body.toString('utf8') || 'null'),
        form: () => new Request('http://fake/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: new Uint8Array(body) }).formData(),
      },
      res,
      origin,
    );
  });
  origin = listening.origin;
  return { origin, requests, close: () => listening.close() };
}

export { sendJson };

export function bearer(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  return value?.startsWith('Bearer ') ? value.slice('Bearer '.length) : undefined;
}

/** Verifies an HS256 JWT written by anyone, the way a provider's server would; throws on any flaw. */
export function verifyHs256(token: string, key: Buffer | string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) throw new Error('not a JWT');
  const expected = createHmac('sha256', key).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('bad signature');
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (header.alg !== 'HS256') throw new Error('alg must be HS256');
  return { header, payload: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown> };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A few bytes that start like a PNG, enough to follow through base64 round trips. */
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
