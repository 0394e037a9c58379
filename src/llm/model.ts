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

export type AssistantBlock = TextBlock | ToolUseBlock;

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
  maxTokens: number;
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

export type ModelErrorCode = 'llm_rate_limited' | 'llm_unavailable' | 'llm_not_configured' | 'llm_bad_request';

/** The model could not answer; `retryable` says whether trying again later may help. */
export class ModelError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelError';
    this.retryable = code === 'llm_rate_limited' || code === 'llm_unavailable';
  }
}

export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}
