// A model of Anthropic's prompt cache, so the fake Claude reports usage the way the API would: the
// prefix up to a cache_control breakpoint is written for its TTL (5 minutes, or an hour with
// ttl '1h'); a later request with the same model and the same prefix (tools → system → messages) reads
// it while it lives, found within 20 blocks before a breakpoint, and each read starts its TTL afresh.
// Time comes from the clock given, so a bench can let a person take ten minutes without waiting them.
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

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

interface Block {
  content: unknown;
  /** The breakpoint's TTL in ms, when the block carries cache_control. */
  ttl: number | undefined;
}

function blocksOf(body: ClaudeRequestBody): Block[] {
  const block = (content: Record<string, unknown>): Block => {
    const { cache_control, ...rest } = content;
    const ttl = (cache_control as { ttl?: '5m' | '1h' } | undefined)?.ttl ?? '5m';
    return { content: rest, ttl: cache_control === undefined ? undefined : TTL_MS[ttl] };
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
  /** Cached prefix hash → when it expires and the TTL a read renews it for. */
  private readonly cached = new Map<string, { expires: number; ttl: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The usage the API would report for `body`, updating the cache as the API would. */
  usage(body: ClaudeRequestBody): ScriptedUsage {
    const model = String(body['model']);
    const now = this.now();
    let hash = model;
    let tokens = 0;
    const prefixes = blocksOf(body).map((block) => {
      hash = createHash('sha256').update(hash).update(JSON.stringify(block.content)).digest('hex');
      tokens += estimateTokens(block.content);
      return { hash, tokens, ttl: block.ttl };
    });
    const live = (key: string) => {
      const entry = this.cached.get(key);
      return entry !== undefined && entry.expires > now ? entry : undefined;
    };
    let read = 0;
    prefixes.forEach((prefix, index) => {
      if (prefix.ttl === undefined) return;
      for (let j = index; j >= Math.max(0, index - LOOKBACK_BLOCKS); j -= 1) {
        const candidate = prefixes[j];
        const entry = candidate && live(candidate.hash);
        if (candidate && entry) {
          entry.expires = now + entry.ttl;
          read = Math.max(read, candidate.tokens);
          break;
        }
      }
    });
    let written = read;
    let hour = read;
    for (const prefix of prefixes) {
      if (prefix.ttl === undefined || prefix.tokens < minCacheableTokens(model)) continue;
      const entry = live(prefix.hash);
      // Read or written, a prefix now lives for the longer of its TTLs.
      this.cached.set(prefix.hash, { expires: Math.max(entry?.expires ?? 0, now + prefix.ttl), ttl: Math.max(entry?.ttl ?? 0, prefix.ttl) });
      written = Math.max(written, prefix.tokens);
      if (prefix.ttl === TTL_MS['1h']) hour = Math.max(hour, prefix.tokens);
    }
    return {
      input_tokens: tokens - written,
      cache_read_input_tokens: read,
      cache_creation_input_tokens: written - read,
      ephemeral_1h_input_tokens: hour - read,
    };
  }
}
