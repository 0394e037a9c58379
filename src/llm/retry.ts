// Which Claude failures are worth waiting out, and for how long. Transient ones (rate limits,
// overload, 5xx, dropped or stalled connections, also inside a stream) are retried with backoff inside
// a time budget; a `retry-after` beyond the cap ends the step with when to try again; everything
// else becomes a ModelError whose message says what to change.
import Anthropic from '@anthropic-ai/sdk';
import { AbortedError, ModelError, type RetryNotice } from './model.ts';

export interface RetrySettings {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** Time from the first try after which no new try starts. */
  budgetMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer `retry-after` ends the step instead of holding the run (and its lease) for it. */
  retryAfterCapMs: number;
  /** A stream with no event for this long is aborted and asked again. */
  streamIdleMs: number;
  /** Ceiling on one HTTP call, whatever it sends. */
  callTimeoutMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
  maxAttempts: 8,
  budgetMs: 120_000,
  baseDelayMs: 1_000,
  maxDelayMs: 20_000,
  retryAfterCapMs: 60_000,
  streamIdleMs: 60_000,
  callTimeoutMs: 600_000,
};

export type Failure =
  | { kind: 'transient'; reason: RetryNotice['reason']; retryAfterMs?: number; error: unknown }
  | { kind: 'fatal'; error: ModelError };

export type NextStep = { kind: 'wait'; waitMs: number; reason: RetryNotice['reason'] } | { kind: 'give_up'; error: ModelError };

const SPEND_LIMIT_CODES = new Set(['enforced_spend_limit_reached', 'contract_spend_limit_reached', 'linked_organization_spend_limit_reached']);

function errorType(error: InstanceType<typeof Anthropic.APIError>): string | undefined {
  const body = error.error as { error?: { type?: string }; type?: string } | undefined;
  return body?.error?.type ?? body?.type;
}

function retryAfterMs(error: InstanceType<typeof Anthropic.APIError>): number | undefined {
  const ms = Number(error.headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && error.headers?.has('retry-after-ms')) return ms;
  const seconds = Number(error.headers?.get('retry-after'));
  if (error.headers?.has('retry-after') && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return undefined;
}

const billing = (cause: unknown) =>
  new ModelError(
    'llm_billing',
    'Claude refused the call for billing reasons: the organization is out of credit or has reached its spend limit. ' +
      'Add credit or raise the limit in the Claude Console (Settings → Billing / Limits), then press Retry.',
    { cause },
  );

/** What kind of failure `error` is, for a request to `model`. */
export function classifyFailure(error: unknown, model: string): Failure {
  if (error instanceof ModelError) return { kind: 'fatal', error };
  if (error instanceof Error && error.name === 'StreamStalled') return { kind: 'transient', reason: 'stalled', error };
  if (!(error instanceof Anthropic.APIError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'fatal', error: new ModelError('llm_unavailable', `Claude could not be reached: ${detail}`, { cause: error }) };
  }
  if (error instanceof Anthropic.APIConnectionError) return { kind: 'transient', reason: 'unavailable', error };
  const type = errorType(error);
  const after = retryAfterMs(error);
  const withAfter = after === undefined ? {} : { retryAfterMs: after };
  if (error.status === 402 || type === 'billing_error' || SPEND_LIMIT_CODES.has(error.errorCode ?? '')) return { kind: 'fatal', error: billing(error) };
  if (error.status === 529 || type === 'overloaded_error') return { kind: 'transient', reason: 'overloaded', error, ...withAfter };
  if (error.status === 429 || type === 'rate_limit_error') return { kind: 'transient', reason: 'rate_limited', error, ...withAfter };
  // No status: an `error` event inside an open stream (api_error and the like).
  if (error.status === undefined || error.status >= 500 || error.status === 408) return { kind: 'transient', reason: 'unavailable', error, ...withAfter };
  if (error.status === 401) {
    return { kind: 'fatal', error: new ModelError('llm_not_configured', 'Claude rejected the API key: set a valid `ANTHROPIC_API_KEY` (Claude Console → API keys), restart ohmymkt, then press Retry.', { cause: error }) };
  }
  if (error.status === 403) {
    return { kind: 'fatal', error: new ModelError('llm_not_configured', 'This API key may not use Claude for this request: check the key\'s workspace and permissions in the Claude Console.', { cause: error }) };
  }
  if (error.status === 404) {
    return {
      kind: 'fatal',
      error: new ModelError('llm_unknown_model', `model ${model} isn't available to this API key; set \`OHMYMKT_MODEL\` (or \`OHMYMKT_FAST_MODEL\` / \`OHMYMKT_AGENT_MODELS\`) to a model it can use, then restart ohmymkt.`, { cause: error }),
    };
  }
  return { kind: 'fatal', error: new ModelError('llm_bad_request', `Claude refused the request: ${error.message}`, { cause: error }) };
}

const seconds = (ms: number) => Math.round(ms / 1000);

function exhausted(reason: RetryNotice['reason'], tries: number, elapsedMs: number, cause: unknown): ModelError {
  const span = `${tries} tries over ${seconds(elapsedMs)} s`;
  if (reason === 'rate_limited') return new ModelError('llm_rate_limited', `Claude kept rate limiting this API key (${span}); press Retry in a few minutes.`, { cause });
  if (reason === 'stalled') return new ModelError('llm_unavailable', `Claude's answer kept stalling (${span}); press Retry in a few minutes.`, { cause });
  const what = reason === 'overloaded' ? 'Claude stayed overloaded' : 'Claude stayed unreachable';
  return new ModelError('llm_unavailable', `${what} (${span}); press Retry in a few minutes.`, { cause });
}

export class RetryPolicy {
  readonly settings: RetrySettings;

  constructor(overrides: Partial<RetrySettings> = {}) {
    this.settings = { ...DEFAULT_RETRY, ...overrides };
  }

  /** After try number `attempt` failed with `failure`, `elapsedMs` after the first began. */
  next(failure: Failure, attempt: number, elapsedMs: number, now = new Date()): NextStep {
    if (failure.kind === 'fatal') return { kind: 'give_up', error: failure.error };
    const { settings } = this;
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs > settings.retryAfterCapMs) {
      const at = new Date(now.getTime() + failure.retryAfterMs);
      const when = `${at.toISOString().slice(11, 16)} UTC`;
      const what = failure.reason === 'rate_limited' ? 'Claude is rate limiting this API key' : 'Claude is overloaded';
      return { kind: 'give_up', error: new ModelError('llm_rate_limited', `${what} and asked to wait ${Math.ceil(failure.retryAfterMs / 60_000)} min; press Retry after ${when}.`, { cause: failure.error }) };
    }
    const backoff = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
    const waitMs = failure.retryAfterMs ?? Math.round(backoff * (0.75 + Math.random() * 0.25));
    if (attempt >= settings.maxAttempts || elapsedMs + waitMs > settings.budgetMs) {
      return { kind: 'give_up', error: exhausted(failure.reason, attempt, elapsedMs, failure.error) };
    }
    return { kind: 'wait', waitMs, reason: failure.reason };
  }
}

/** Sleeps, unless the caller aborts first. */
export function waitBeforeRetry(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
