// Wire formats of the Anthropic Messages API as the fake Claude answers them: the Message JSON, the SSE
// event sequence of a streamed message, and the error envelope.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'pause_turn' | 'refusal' | 'stop_sequence';

export type ScriptedBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id?: string; name: string; input: unknown }
  /** Reasoning the model writes; without one, a thinking model opens its reply with a default block. */
  | { type: 'thinking'; thinking: string };

export interface ScriptedUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
  /** Of cache_creation_input_tokens, those written with the 1-hour TTL; the rest are 5-minute writes. */
  ephemeral_1h_input_tokens?: number;
}

export interface ClaudeTurn {
  content: ScriptedBlock[];
  stop_reason: StopReason;
  stop_sequence?: string;
  usage?: ScriptedUsage;
  /** The stream opens, then sends nothing for this long before the content (a slow or stalled model). */
  delayMs?: number;
}

export interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  service_tier: 'standard';
}

export type WireBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'thinking'; thinking: string; signature: string };

export interface WireMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: WireBlock[];
  stop_reason: StopReason;
  stop_sequence: string | null;
  usage: WireUsage;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Ids shaped like the API's: `msg_01…`, `toolu_01…`, `req_01…` followed by 22 base62 characters. */
export function newId(prefix: 'msg' | 'toolu' | 'req'): string {
  const tail = [...randomBytes(22)].map((b) => BASE62[b % 62]).join('');
  return `${prefix}_01${tail}`;
}

/** A rough token count (about four characters a token), enough for usage figures that move with size. */
export function estimateTokens(value: unknown): number {
  return Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));
}

/** `content`: the reply's blocks as the API sends them (thinking already placed and signed). */
export function buildMessage(turn: Omit<ClaudeTurn, 'content'>, content: WireBlock[], model: string, defaultInputTokens: number): WireMessage {
  const usage = turn.usage ?? {};
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  const hour = Math.min(cacheCreation, usage.ephemeral_1h_input_tokens ?? 0);
  return {
    id: newId('msg'),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: turn.stop_reason,
    stop_sequence: turn.stop_reason === 'stop_sequence' ? (turn.stop_sequence ?? null) : null,
    usage: {
      input_tokens: usage.input_tokens ?? defaultInputTokens,
      output_tokens: usage.output_tokens ?? estimateTokens(content),
      cache_creation_input_tokens: cacheCreation,
      cache_read_input_tokens: usage.cache_read_input_tokens ?? 0,
      cache_creation: { ephemeral_5m_input_tokens: cacheCreation - hour, ephemeral_1h_input_tokens: hour },
      service_tier: 'standard',
    },
  };
}

export function errorBody(type: string, message: string, requestId: string, errorCode?: string): Record<string, unknown> {
  return { type: 'error', error: { type, message, ...(errorCode ? { details: { error_code: errorCode } } : {}) }, request_id: requestId };
}

/** Cuts a string into up to `parts` pieces, so clients must join deltas rather than trust one chunk. */
function pieces(text: string, parts: number): string[] {
  if (text.length <= 1) return [text];
  const size = Math.ceil(text.length / parts);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function startStream(res: ServerResponse, requestId: string): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'request-id': requestId,
  });
}

export function sendEvent(res: ServerResponse, event: string, data: Record<string, unknown>): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
}

/** The start of every stream: the message with empty content and the input side of usage. */
export function sendMessageStart(res: ServerResponse, message: WireMessage): void {
  sendEvent(res, 'message_start', {
    message: {
      ...message,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...message.usage, output_tokens: 1 },
    },
  });
}

/** Streams a whole message in the order the API uses, ending with message_stop. */
export async function streamMessage(res: ServerResponse, message: WireMessage, delayMs = 0): Promise<void> {
  sendMessageStart(res, message);
  sendEvent(res, 'ping', {});
  if (delayMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (res.destroyed) return;
  }
  message.content.forEach((block, index) => {
    if (block.type === 'thinking') {
      // The block opens empty; its text comes in thinking_delta events and its signature in one
      // signature_delta just before content_block_stop (SDK: SignatureDelta, ThinkingDelta).
      sendEvent(res, 'content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      if (block.thinking) {
        for (const thinking of pieces(block.thinking, 2)) sendEvent(res, 'content_block_delta', { index, delta: { type: 'thinking_delta', thinking } });
      }
      sendEvent(res, 'content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } });
    } else if (block.type === 'text') {
      sendEvent(res, 'content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const text of pieces(block.text, 3)) {
        sendEvent(res, 'content_block_delta', { index, delta: { type: 'text_delta', text } });
      }
    } else {
      sendEvent(res, 'content_block_start', { index, content_block: { ...block, input: {} } });
      // The API opens a tool's input with an empty partial_json before the real fragments.
      for (const partial of ['', ...pieces(JSON.stringify(block.input ?? {}), 3)]) {
        sendEvent(res, 'content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: partial } });
      }
    }
    sendEvent(res, 'content_block_stop', { index });
  });
  const { input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens } = message.usage;
  sendEvent(res, 'message_delta', {
    delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence },
    usage: { input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens },
  });
  sendEvent(res, 'message_stop', {});
  res.end();
}
