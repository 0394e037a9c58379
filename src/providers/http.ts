// The one HTTP path every adapter takes: sends a request with a timeout, reads JSON or text, and turns
// HTTP and network failures into provider failure codes whose messages never carry a secret.
import { maskSecret } from './secrets.ts';
import { ok, providerFail, type ProviderFailureCode, type ProviderResult } from './port.ts';

export interface HttpEnv {
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON, or null when empty. */
  body: unknown;
}

export interface HttpCall {
  method?: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: URLSearchParams;
  body?: BodyInit;
}

export interface ProviderHttpOptions {
  provider: string;
  label: string;
  /** Values redacted from every message this client produces. */
  secrets: readonly string[];
  /** Digs the human message out of the provider's error body. */
  readError: (body: unknown) => string | undefined;
  /** Overrides the status-based code when a provider signals bad credentials some other way. */
  classify?: (status: number, body: unknown) => ProviderFailureCode | undefined;
}

const MAX_MESSAGE = 300;

export interface ProviderHttp {
  send(call: HttpCall): Promise<ProviderResult<HttpAnswer>>;
  fail(code: ProviderFailureCode, message: string): ReturnType<typeof providerFail>;
}

export function providerHttp(options: ProviderHttpOptions, env: HttpEnv): ProviderHttp {
  const redact = (text: string) =>
    options.secrets.filter((s) => s.length >= 4).reduce((acc, secret) => acc.split(secret).join(maskSecret(secret)), text);
  const fail = (code: ProviderFailureCode, message: string) => providerFail(options.provider, code, redact(message).slice(0, MAX_MESSAGE));

  async function send(call: HttpCall): Promise<ProviderResult<HttpAnswer>> {
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    let body = call.body;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.form !== undefined) {
      body = call.form;
    }
    let response: Response;
    try {
      response = await env.fetch(call.url, {
        method: call.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body,
        signal: AbortSignal.timeout(env.timeoutMs),
      });
    } catch (error) {
      return fail('unavailable', `${options.label} could not be reached: ${describeNetworkError(error)}`);
    }
    const answer: HttpAnswer = { status: response.status, headers: response.headers, body: await readBody(response) };
    if (response.ok) return ok(answer);
    const code = options.classify?.(response.status, answer.body) ?? codeForStatus(response.status);
    const detail = options.readError(answer.body) ?? (typeof answer.body === 'string' ? answer.body : response.statusText);
    return fail(code, `${options.label} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`);
  }

  return { send, fail };
}

function codeForStatus(status: number): ProviderFailureCode {
  if (status === 401 || status === 403) return 'misconfigured';
  if (status === 408 || status === 429 || status >= 500) return 'unavailable';
  return 'rejected';
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, MAX_MESSAGE);
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/** A field of a JSON object, or undefined, for reading provider bodies without trusting their shape. */
export function field(value: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((acc, key) => (typeof acc === 'object' && acc !== null ? (acc as Record<string | number, unknown>)[key] : undefined), value);
}

export function text(value: unknown, ...path: Array<string | number>): string | undefined {
  const found = field(value, ...path);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/** Strips the trailing slash so paths can be appended with one. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
