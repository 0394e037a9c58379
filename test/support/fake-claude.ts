// A fake Anthropic Messages API for the real @anthropic-ai/sdk client (`baseURL`): it records each request,
// refuses what the API refuses, and answers from a per-test script as JSON or as an SSE stream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  buildMessage,
  errorBody,
  estimateTokens,
  newId,
  sendEvent,
  sendMessageStart,
  startStream,
  streamMessage,
  type ClaudeTurn,
} from './fake-claude-wire.ts';
import { blocksOf, requestProblem } from './fake-claude-checks.ts';
import { ThinkingLedger } from './fake-claude-thinking.ts';
import { listenLoopback, readBody, sendJson } from './http.ts';
import { serveModelInfo } from './fake-claude-model-info.ts';

export type { ClaudeTurn, ScriptedBlock, ScriptedUsage, StopReason } from './fake-claude-wire.ts';

export interface ClaudeError {
  status: 400 | 401 | 402 | 403 | 404 | 413 | 429 | 500 | 529;
  type:
    | 'invalid_request_error'
    | 'authentication_error'
    | 'billing_error'
    | 'permission_error'
    | 'not_found_error'
    | 'request_too_large'
    | 'rate_limit_error'
    | 'api_error'
    | 'overloaded_error';
  message: string;
  /** Seconds for `retry-after`; fractions are allowed so tests need not wait whole seconds. */
  retryAfter?: number;
  /** `error.details.error_code`, e.g. `enforced_spend_limit_reached` on a spend-cap 429. */
  errorCode?: string;
}

/** The stream opens (message_start) and then fails with an SSE `error` event before any content. */
export interface ClaudeMidStreamError {
  midStreamError: ClaudeError['type'];
  message?: string;
}

export type ClaudeScript = ClaudeTurn | ClaudeError | ClaudeMidStreamError;

/** Retry waits short enough for tests; the budget and caps keep their meaning. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, budgetMs: 10_000 } as const;

/** The JSON body the SDK sent (`model`, `system`, `messages`, `tools`, …); `any` to keep test assertions short. */
export type ClaudeRequestBody = Record<string, any>;

export interface ClaudeRequest {
  body: ClaudeRequestBody;
  /** Lower-cased header names, as node receives them. */
  headers: Record<string, string>;
}

export type ClaudeResponder = (request: ClaudeRequestBody, index: number) => ClaudeScript | undefined;

export interface FakeClaude {
  /** Pass as `baseURL` (or ANTHROPIC_BASE_URL); the SDK appends `/v1/messages`. */
  baseUrl: string;
  requests: ClaudeRequest[];
  enqueue(...scripts: ClaudeScript[]): void;
  /** Consulted when the queue is empty. */
  setResponder(responder: ClaudeResponder | undefined): void;
  /** Scripts queued but not yet played, so a test can prove its conversation ran to the end. */
  pendingScripts(): number;
  reset(): void;
  close(): Promise<void>;
}

const STATUS_OF: Record<ClaudeError['type'], ClaudeError['status']> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/** Where a test script is wrong (not the app): a loud 500 the SDK is told not to retry. */
function sendScriptError(res: ServerResponse, message: string, requestId: string): void {
  sendJson(res, 500, errorBody('api_error', `fake Claude: ${message}`, requestId), {
    'request-id': requestId,
    'x-should-retry': 'false',
  });
}

function describeRequest(body: ClaudeRequestBody, index: number): string {
  const system =
    typeof body['system'] === 'string' ? body['system'] : blocksOf(body['system']).map((b) => b['text']).join(' ');
  const last = blocksOf(body['messages']).at(-1);
  const lastText = typeof last?.['content'] === 'string' ? last['content'] : JSON.stringify(last?.['content'] ?? '');
  return `request #${index} (system: ${JSON.stringify(system.slice(0, 80))}, last message: ${lastText.slice(0, 120)})`;
}

export async function startFakeClaude(): Promise<FakeClaude> {
  const requests: ClaudeRequest[] = [];
  const queue: ClaudeScript[] = [];
  const thinking = new ThinkingLedger();
  let responder: ClaudeResponder | undefined;

  async function handleMessages(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = (await readBody(req)).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    const requestId = newId('req');
    let body: ClaudeRequestBody;
    try {
      body = JSON.parse(raw) as ClaudeRequestBody;
    } catch {
      const message = 'There was an issue with the request body: invalid JSON';
      sendJson(res, 400, errorBody('invalid_request_error', message, requestId), { 'request-id': requestId });
      return;
    }
    const index = requests.length;
    requests.push({ body, headers });
    const problem = requestProblem(body, headers) ?? thinking.problem(body);
    if (problem) {
      sendJson(res, problem.status, errorBody(problem.type, problem.message, requestId), { 'request-id': requestId });
      return;
    }
    const script = queue.shift() ?? responder?.(body, index);
    if (!script) {
      sendScriptError(res, `nothing scripted for ${describeRequest(body, index)}; call enqueue() or setResponder()`, requestId);
      return;
    }
    const stream = body['stream'] === true;
    // A mid-stream failure asked of a non-streaming call can only surface as the matching HTTP error.
    if ('status' in script || ('midStreamError' in script && !stream)) {
      const error: ClaudeError =
        'status' in script
          ? script
          : { status: STATUS_OF[script.midStreamError], type: script.midStreamError, message: script.message ?? 'Overloaded' };
      const extra: Record<string, string> = { 'request-id': requestId };
      if (error.retryAfter !== undefined) extra['retry-after'] = String(error.retryAfter);
      sendJson(res, error.status, errorBody(error.type, error.message, requestId, error.errorCode), extra);
      return;
    }
    const model = String(body['model']);
    const inputTokens = estimateTokens([body['system'], body['tools'], body['messages']]);
    if ('midStreamError' in script) {
      startStream(res, requestId);
      sendMessageStart(res, buildMessage({ stop_reason: 'end_turn' }, [], model, inputTokens));
      sendEvent(res, 'error', { error: { type: script.midStreamError, message: script.message ?? 'Overloaded' } });
      res.end();
      return;
    }
    const offered = new Set(blocksOf(body['tools']).map((t) => String(t['name'])));
    const unknownTool = script.content.find((b) => b.type === 'tool_use' && !offered.has(b.name));
    if (unknownTool && unknownTool.type === 'tool_use') {
      const list = [...offered].join(', ') || 'none';
      const why = `script calls tool "${unknownTool.name}" that ${describeRequest(body, index)} did not offer (offered: ${list})`;
      sendScriptError(res, why, requestId);
      return;
    }
    const message = buildMessage(script, thinking.shape(script, body, () => newId('toolu')), model, inputTokens);
    if (stream) {
      startStream(res, requestId);
      await streamMessage(res, message, script.delayMs ?? 0);
    } else {
      sendJson(res, 200, message, { 'request-id': requestId });
    }
  }

  const listening = await listenLoopback(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method === 'POST' && path === '/v1/messages') return handleMessages(req, res);
    const modelId = req.method === 'GET' ? /^\/v1\/models\/([^/]+)$/.exec(path)?.[1] : undefined;
    if (modelId) return serveModelInfo(req, res, decodeURIComponent(modelId));
    const requestId = newId('req');
    const message = `fake Claude does not serve ${req.method} ${path}`;
    sendJson(res, 404, errorBody('not_found_error', message, requestId), { 'request-id': requestId });
  });

  return {
    baseUrl: listening.origin,
    requests,
    enqueue: (...scripts) => void queue.push(...scripts),
    setResponder(next) {
      responder = next;
    },
    pendingScripts: () => queue.length,
    // The API's memory of the thinking it signed outlives a test's reset, as it outlives a restart.
    reset() {
      requests.length = 0;
      queue.length = 0;
      responder = undefined;
    },
    close: () => listening.close(),
  };
}
