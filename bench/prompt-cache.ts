// A model of Anthropic's prompt cache, so the fake Claude reports usage the way the API would: the
// prefix up to a cache_control breakpoint is written; a later request with the same model and the
// same prefix (tools → system → messages) reads it, found within 20 blocks before a breakpoint.
import { createHash } from 'node:crypto';
import { estimateTokens, type ScriptedUsage } from '../test/support/fake-claude-wire.ts';
import type { ClaudeRequestBody } from '../test/support/fake-claude.ts';

// The API's smallest cacheable prefix per model; a shorter prefix is silently not cached. 512 tokens for
// the 5.5 models (Sonnet 5 needed 1,024 and Haiku 4.5 4,096), and for Opus 5, Fable 5 and Mythos 5; 1,024
// for Sonnet 5, Opus 4.8 and the 4.x Sonnets; 2,048 for Opus 4.7; 4,096 for Opus 4.6, Opus 4.5 and Haiku 4.5
// (the prompt-caching docs' table as quoted by OpenRouter's Claude 5.5 cookbook and dev.to/creeta, 2026).
const MIN_CACHEABLE: Array<[RegExp, number]> = [
  [/-5-5(-\d{8})?$/, 512],
  [/^claude-(opus|fable|mythos)-5(-\d{8})?$/, 512],
  [/^claude-(sonnet-5|opus-4-8|sonnet-4-6|sonnet-4-5|opus-4-1|opus-4)(-\d{8})?$/, 1024],
  [/^claude-opus-4-7(-\d{8})?$/, 2048],
  [/^claude-(opus-4-6|opus-4-5|haiku-4-5)(-\d{8})?$/, 4096],
];
function minCacheableTokens(model: string): number {
  const found = MIN_CACHEABLE.find(([pattern]) => pattern.test(model))?.[1];
  // A guessed minimum would make the cached share a guess too.
  if (found === undefined) throw new Error(`bench cache model: no minimum cacheable prefix known for ${model}`);
  return found;
}
const LOOKBACK_BLOCKS = 20;

interface Block {
  content: unknown;
  breakpoint: boolean;
}

function blocksOf(body: ClaudeRequestBody): Block[] {
  const block = (content: Record<string, unknown>): Block => {
    const { cache_control, ...rest } = content;
    return { content: rest, breakpoint: cache_control !== undefined };
  };
  const asBlocks = (value: unknown): Array<Record<string, unknown>> =>
    typeof value === 'string' ? [{ type: 'text', text: value }] : Array.isArray(value) ? value : [];
  const messages = (body['messages'] ?? []) as Array<{ role: string; content: unknown }>;
  return [
    ...asBlocks(body['tools']).map(block),
    ...asBlocks(body['system']).map(block),
    ...messages.flatMap((m) => asBlocks(m.content).map((c) => block({ role: m.role, ...c }))),
  ];
}

export class PromptCache {
  private readonly cached = new Set<string>();

  /** The usage the API would report for `body`, updating the cache as the API would. */
  usage(body: ClaudeRequestBody): ScriptedUsage {
    const model = String(body['model']);
    let hash = model;
    let tokens = 0;
    const prefixes = blocksOf(body).map((block) => {
      hash = createHash('sha256').update(hash).update(JSON.stringify(block.content)).digest('hex');
      tokens += estimateTokens(block.content);
      return { hash, tokens, breakpoint: block.breakpoint };
    });
    let read = 0;
    prefixes.forEach((prefix, index) => {
      if (!prefix.breakpoint) return;
      for (let j = index; j >= Math.max(0, index - LOOKBACK_BLOCKS); j -= 1) {
        const candidate = prefixes[j];
        if (candidate && this.cached.has(candidate.hash)) {
          read = Math.max(read, candidate.tokens);
          break;
        }
      }
    });
    let written = read;
    for (const prefix of prefixes) {
      if (!prefix.breakpoint || prefix.tokens < minCacheableTokens(model)) continue;
      this.cached.add(prefix.hash);
      written = Math.max(written, prefix.tokens);
    }
    return { input_tokens: tokens - written, cache_read_input_tokens: read, cache_creation_input_tokens: written - read };
  }
}
