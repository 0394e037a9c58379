// A model of Anthropic's prompt cache, so the fake Claude reports usage the way the API would: the
// prefix up to a cache_control breakpoint is written; a later request with the same model and the
// same prefix (tools → system → messages) reads it, found within 20 blocks before a breakpoint.
import { createHash } from 'node:crypto';
import { estimateTokens, type ScriptedUsage } from '../test/support/fake-claude-wire.ts';
import type { ClaudeRequestBody } from '../test/support/fake-claude.ts';

// The API's smallest cacheable prefix; shorter prefixes are never cached. Sonnet-class models cache from
// 1,024 tokens; Haiku 4.5 needed 4,096, so Haiku-class models are held to that (the cautious reading).
const minCacheableTokens = (model: string) => (/haiku/i.test(model) ? 4096 : 1024);
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
