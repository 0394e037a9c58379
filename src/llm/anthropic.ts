// The Model port on the official Anthropic SDK. Streams each turn (long tool inputs would otherwise
// hit HTTP timeouts), keeps every block of the reply exactly as sent (thinking blocks must go back
// unmodified), ends a prompt-cache prefix after each system part and after the conversation so far,
// retries transient failures inside a time budget, and turns the rest into ModelErrors a person can
// act on.
import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlock,
  ContentBlockParam,
  MessageCreateParamsBase,
  MessageParam,
  Tool,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { CacheTtl } from './pricing.ts';
import { classifyFailure, RetryPolicy, waitBeforeRetry, type RetrySettings } from './retry.ts';
import {
  AbortedError,
  ModelError,
  throwIfAborted,
  type AssistantBlock,
  type ConversationMessage,
  type Model,
  type ModelRequest,
  type ModelTurn,
  type StopReason,
} from './model.ts';

export interface AnthropicModelOptions {
  apiKey: string | undefined;
  baseUrl?: string | undefined;
  retry?: Partial<RetrySettings>;
  /** OHMYMKT_CACHE_TTL: how long the shared prefix (tools and system parts) stays cached; default 5m. */
  cacheTtl?: CacheTtl;
}

const EPHEMERAL = { type: 'ephemeral' } as const;
// The API wants longer-lived breakpoints before shorter ones; the system parts come before the conversation,
// so they may take the hour while the conversation's own breakpoint, which moves every turn, keeps 5 minutes.
const EPHEMERAL_1H = { type: 'ephemeral', ttl: '1h' } as const;
// The API takes at most four cache breakpoints per request; the conversation always uses one.
const MAX_SYSTEM_PARTS = 3;

// The port's blocks have the API's own shapes (fromContent below builds them key for key), so they go
// back exactly as they came; a block the app does not read goes back as the API sent it.
function assistantParam(block: AssistantBlock): ContentBlockParam {
  return (block.type === 'opaque' ? block.block : block) as unknown as ContentBlockParam;
}

function toParam(message: ConversationMessage, cacheBreakpoint: boolean): MessageParam {
  const blocks: ContentBlockParam[] =
    typeof message.content === 'string'
      ? [{ type: 'text', text: message.content }]
      : message.role === 'assistant'
        ? message.content.map(assistantParam)
        : message.content.map((block): ContentBlockParam => {
            if (block.type === 'text') return { type: 'text', text: block.text };
            const result: ToolResultBlockParam = { type: 'tool_result', tool_use_id: block.tool_use_id, content: block.content };
            return block.is_error ? { ...result, is_error: true } : result;
          });
  // Thinking blocks take no cache_control; the conversation's breakpoint sits on the last user turn.
  if (cacheBreakpoint && message.role === 'user' && blocks.length > 0) {
    const last = blocks[blocks.length - 1] as ContentBlockParam & { cache_control?: typeof EPHEMERAL };
    blocks[blocks.length - 1] = { ...last, cache_control: EPHEMERAL } as ContentBlockParam;
  }
  return { role: message.role, content: blocks };
}

function fromContent(block: ContentBlock): AssistantBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    default:
      return { type: 'opaque', block: { ...block } as Record<string, unknown> };
  }
}

/** Claude 5 and later (claude-sonnet-5, claude-haiku-5-5, claude-opus-5-5, …) take adaptive thinking and effort. */
export function takesAdaptiveThinking(model: string): boolean {
  return /^claude-[a-z]+-(?:[5-9]|\d{2,})(?:-|$)/.test(model);
}

/** The request body, exactly as the API receives it. */
export function requestBody(request: ModelRequest, cacheTtl: CacheTtl = '5m'): MessageCreateParamsBase {
  if (request.system.length > MAX_SYSTEM_PARTS) {
    throw new ModelError('llm_bad_request', `a request may carry at most ${MAX_SYSTEM_PARTS} system parts, got ${request.system.length}`);
  }
  // The tools come first in the cached prefix, so the first system part's breakpoint covers them too.
  const tools: Tool[] = request.tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.inputSchema as Tool['input_schema'],
  }));
  const lastIndex = request.messages.length - 1;
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    // Adaptive thinking and effort are the 5.x generation's; an older model an operator names gets the
    // request it knows (no thinking field, its own defaults) rather than a 400 for a setting it lacks.
    ...(takesAdaptiveThinking(request.model) ? { thinking: request.thinking, output_config: { effort: request.effort } } : {}),
    system: request.system.map((text) => ({ type: 'text' as const, text, cache_control: cacheTtl === '1h' ? EPHEMERAL_1H : EPHEMERAL })),
    messages: request.messages.map((m, i) => toParam(m, i === lastIndex)),
    ...(tools.length > 0 ? { tools } : {}),
  };
}

export class AnthropicModel implements Model {
  private readonly client: Anthropic;
  private readonly policy: RetryPolicy;
  private readonly cacheTtl: CacheTtl;

  constructor(options: AnthropicModelOptions) {
    this.policy = new RetryPolicy(options.retry);
    this.cacheTtl = options.cacheTtl ?? '5m';
    this.client = new Anthropic({
      apiKey: options.apiKey ?? null,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      // Retries are ours (a budget of time, the retry-after cap, stalled streams); the SDK's would
      // wait again inside each of our attempts.
      maxRetries: 0,
      timeout: this.policy.settings.callTimeoutMs,
    });
  }

  async complete(request: ModelRequest): Promise<ModelTurn> {
    const body = requestBody(request, this.cacheTtl);
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      throwIfAborted(request.signal);
      try {
        return await this.streamTurn(body, request.signal);
      } catch (error) {
        if (request.signal?.aborted) throw new AbortedError();
        const failure = classifyFailure(error, request.model);
        const wait = this.policy.next(failure, attempt, Date.now() - started);
        if (wait.kind === 'give_up') throw wait.error;
        request.onRetry?.({ attempt, of: this.policy.settings.maxAttempts - 1, reason: wait.reason, waitMs: wait.waitMs });
        await waitBeforeRetry(wait.waitMs, request.signal);
      }
    }
  }

  private async streamTurn(body: MessageCreateParamsBase, signal: AbortSignal | undefined): Promise<ModelTurn> {
    // A stream that goes quiet is aborted and counts as a transient failure: the whole turn is asked again.
    const idle = new AbortController();
    const abort = () => idle.abort('caller');
    signal?.addEventListener('abort', abort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort('stalled'), this.policy.settings.streamIdleMs);
    };
    try {
      arm();
      const stream = this.client.messages.stream(body, { signal: idle.signal });
      stream.on('streamEvent', arm);
      const message = await stream.finalMessage().catch((error: unknown) => {
        if (idle.signal.reason === 'stalled') throw new StreamStalled(this.policy.settings.streamIdleMs);
        throw error;
      });
      const hourWrites = message.usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;
      return {
        model: message.model,
        content: message.content.map(fromContent),
        stopReason: (message.stop_reason ?? 'end_turn') as StopReason,
        usage: {
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
          cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
          cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
          // Priced apart: an hour's write costs 1.6× a five-minute one (pricing.ts).
          ...(hourWrites > 0 ? { cacheWrite1hTokens: hourWrites } : {}),
        },
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }
}

export class StreamStalled extends Error {
  constructor(readonly idleMs: number) {
    super(`Claude's stream sent nothing for ${Math.round(idleMs / 1000)} s`);
    this.name = 'StreamStalled';
  }
}
