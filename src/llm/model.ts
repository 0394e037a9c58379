// The Model port: one call that turns a system prompt, a conversation and tool definitions into the
// assistant's next turn with its usage. Agents depend on this, never on a vendor SDK.

export interface TextBlock {
  type: 'text';
  text: string;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error?: boolean;
}

/** Claude's reasoning. Its signature binds it to the model and the conversation: sent back byte for byte. */
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

/**
 * A block the app does not read (a server tool's call or result, or a type newer than this code), kept
 * exactly as the API sent it so it can go back unchanged in the next request.
 */
export interface OpaqueBlock {
  type: 'opaque';
  block: Record<string, unknown>;
}

/** Every block of an assistant turn, in the order the API returned them. */
export type AssistantBlock = TextBlock | ToolUseBlock | ThinkingBlock | RedactedThinkingBlock | OpaqueBlock;

export type ConversationMessage =
  | { role: 'user'; content: string | Array<TextBlock | ToolResultBlock> }
  | { role: 'assistant'; content: AssistantBlock[] };

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the tool's input (type: object). */
  inputSchema: Record<string, unknown>;
}

export type StopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'pause_turn'
  | 'refusal'
  | 'stop_sequence'
  | 'model_context_window_exceeded';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Of cacheWriteTokens, those written with the 1-hour TTL (priced higher); absent or 0 means all 5-minute. */
  cacheWrite1hTokens?: number;
}

/**
 * How an agent thinks. `adaptive`: Claude decides how much to think before and between tool calls;
 * `display` says whether its reasoning comes back as readable summaries or only as a signature.
 * `between_tools`: no up-front thinking, only short progress notes between tool calls (the lowest
 * setting the 5.5 models accept; they refuse `disabled`).
 */
export type ThinkingMode = { type: 'adaptive'; display: 'summarized' | 'omitted' } | { type: 'between_tools' };

export type Effort = 'low' | 'medium' | 'high';

/** What the adapter tells its caller while it waits out a transient failure before trying again. */
export interface RetryNotice {
  attempt: number;
  of: number;
  reason: 'overloaded' | 'rate_limited' | 'unavailable' | 'stalled';
  waitMs: number;
}

export interface ModelRequest {
  model: string;
  /**
   * The system prompt in parts, from the most widely shared to the most specific (at most three). Each
   * part ends a cacheable prefix, so calls that share the tools and the first parts reuse them.
   */
  system: readonly string[];
  messages: ConversationMessage[];
  tools: ToolDefinition[];
  /** Room for thinking and the answer together. */
  maxTokens: number;
  thinking: ThinkingMode;
  effort: Effort;
  /** Aborts the call in flight (Cancel, a lost lease); the call then rejects with an AbortError. */
  signal?: AbortSignal | undefined;
  onRetry?: ((notice: RetryNotice) => void) | undefined;
}

export interface ModelTurn {
  model: string;
  content: AssistantBlock[];
  stopReason: StopReason;
  usage: Usage;
}

export interface Model {
  complete(request: ModelRequest): Promise<ModelTurn>;
}

export type ModelErrorCode =
  | 'llm_rate_limited'
  | 'llm_unavailable'
  | 'llm_not_configured'
  | 'llm_bad_request'
  | 'llm_unknown_model'
  | 'llm_billing';

// A person pressing Retry may get through after these: later, or once the key or the billing is fixed.
// The same request to a model the key cannot use, or one the API refused as malformed, fails again.
const RETRYABLE: ReadonlySet<ModelErrorCode> = new Set(['llm_rate_limited', 'llm_unavailable', 'llm_not_configured', 'llm_billing']);

/** The model could not answer; `retryable` says whether a person pressing Retry later may help. */
export class ModelError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelError';
    this.retryable = RETRYABLE.has(code);
  }
}

/** The call was stopped on purpose (Cancel, a lost lease); nothing about it should be reported as a failure. */
export class AbortedError extends Error {
  constructor(reason = 'the call was cancelled') {
    super(reason);
    this.name = 'AbortedError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(typeof signal.reason === 'string' ? signal.reason : undefined);
}

export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    ...(a.cacheWrite1hTokens || b.cacheWrite1hTokens ? { cacheWrite1hTokens: (a.cacheWrite1hTokens ?? 0) + (b.cacheWrite1hTokens ?? 0) } : {}),
  };
}
