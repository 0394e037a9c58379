// The Model port on the official Anthropic SDK. Streams each turn (long tool inputs would otherwise
// hit HTTP timeouts), ends a prompt-cache prefix after each system part and after the conversation so
// far, and turns vendor failures into ModelError codes a person can act on.
import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  MessageParam,
  Tool,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages/messages';
import {
  ModelError,
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
  /** SDK retries for HTTP errors (429, 5xx, 529, connection failures). */
  maxRetries?: number;
  timeoutMs?: number;
}

const EPHEMERAL = { type: 'ephemeral' } as const;
// The API takes at most four cache breakpoints per request; the conversation always uses one.
const MAX_SYSTEM_PARTS = 3;

function toParam(message: ConversationMessage, cacheBreakpoint: boolean): MessageParam {
  const blocks: ContentBlockParam[] =
    typeof message.content === 'string'
      ? [{ type: 'text', text: message.content }]
      : message.content.map((block): ContentBlockParam => {
          if (block.type === 'tool_result') {
            const result: ToolResultBlockParam = { type: 'tool_result', tool_use_id: block.tool_use_id, content: block.content };
            return block.is_error ? { ...result, is_error: true } : result;
          }
          if (block.type === 'tool_use') return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
          return { type: 'text', text: block.text };
        });
  if (cacheBreakpoint && blocks.length > 0) {
    const last = blocks[blocks.length - 1] as ContentBlockParam & { cache_control?: typeof EPHEMERAL };
    blocks[blocks.length - 1] = { ...last, cache_control: EPHEMERAL } as ContentBlockParam;
  }
  return { role: message.role, content: blocks };
}

/** An overload reported as an SSE error event inside an open stream (no HTTP status): the SDK does not retry it. */
function isMidStreamOverload(error: unknown): boolean {
  return error instanceof Anthropic.APIError && error.status === undefined && isOverload(error);
}

function isOverload(error: unknown): boolean {
  if (error instanceof Anthropic.APIError) {
    if (error.status === 529) return true;
    const body = error.error as { error?: { type?: string } } | undefined;
    return body?.error?.type === 'overloaded_error';
  }
  return false;
}

function toModelError(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof Anthropic.AuthenticationError || error instanceof Anthropic.PermissionDeniedError) {
    return new ModelError('llm_not_configured', 'Claude rejected the API key: check ANTHROPIC_API_KEY.', { cause: error });
  }
  if (error instanceof Anthropic.RateLimitError) {
    return new ModelError('llm_rate_limited', 'Claude is rate limiting this workspace; try again in a minute.', { cause: error });
  }
  if (error instanceof Anthropic.BadRequestError || error instanceof Anthropic.NotFoundError) {
    return new ModelError('llm_bad_request', `Claude refused the request: ${error.message}`, { cause: error });
  }
  if (isOverload(error)) {
    return new ModelError('llm_unavailable', 'Claude is overloaded right now; try again shortly.', { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ModelError('llm_unavailable', `Claude could not be reached: ${detail}`, { cause: error });
}

export class AnthropicModel implements Model {
  private readonly client: Anthropic;

  constructor(options: AnthropicModelOptions) {
    this.client = new Anthropic({
      apiKey: options.apiKey ?? null,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      maxRetries: options.maxRetries ?? 3,
      timeout: options.timeoutMs ?? 120_000,
    });
  }

  async complete(request: ModelRequest): Promise<ModelTurn> {
    try {
      return await this.streamTurn(request);
    } catch (error) {
      // The SDK retries failed HTTP responses, but an overload reported inside an already-open
      // stream reaches us as an error event; with no output received yet, one more try is safe.
      if (error instanceof StreamFailedBeforeOutput && isMidStreamOverload(error.cause)) {
        try {
          return await this.streamTurn(request);
        } catch (second) {
          throw toModelError(second instanceof StreamFailedBeforeOutput ? second.cause : second);
        }
      }
      throw toModelError(error instanceof StreamFailedBeforeOutput ? error.cause : error);
    }
  }

  private async streamTurn(request: ModelRequest): Promise<ModelTurn> {
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
    const stream = this.client.messages.stream({
      model: request.model,
      max_tokens: request.maxTokens,
      system: request.system.map((text) => ({ type: 'text' as const, text, cache_control: EPHEMERAL })),
      messages: request.messages.map((m, i) => toParam(m, i === lastIndex)),
      ...(tools.length > 0 ? { tools } : {}),
    });
    let sawOutput = false;
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_start') sawOutput = true;
    });
    let message;
    try {
      message = await stream.finalMessage();
    } catch (error) {
      if (!sawOutput) throw new StreamFailedBeforeOutput(error);
      throw error;
    }
    const content: AssistantBlock[] = [];
    for (const block of message.content) {
      if (block.type === 'text') content.push({ type: 'text', text: block.text });
      else if (block.type === 'tool_use') content.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
    }
    return {
      model: message.model,
      content,
      stopReason: (message.stop_reason ?? 'end_turn') as StopReason,
      usage: {
        inputTokens: message.usage.input_tokens,
        outputTokens: message.usage.output_tokens,
        cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
        cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
      },
    };
  }
}

class StreamFailedBeforeOutput extends Error {
  constructor(override readonly cause: unknown) {
    super('stream failed before any output');
  }
}
