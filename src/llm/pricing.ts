// What a call cost, from its usage and the model's list price in US dollars per million tokens. A model
// without a known price has no cost ("unknown"), never a guessed one: a wrong figure reads as a fact.
import { z } from 'zod';
import type { Usage } from './model.ts';

const perMTok = z.number({ error: 'must be a number of US dollars per million tokens' }).min(0, { error: 'must not be negative' });

/** One model's prices, USD per million tokens; both cache-write prices, since a breakpoint may ask for either TTL. */
export const PriceSchema = z.strictObject({
  input: perMTok,
  output: perMTok,
  cacheRead: perMTok,
  cacheWrite5m: perMTok,
  cacheWrite1h: perMTok,
});
export type Price = z.infer<typeof PriceSchema>;

/** A model's price, and the dearer one its requests pay above a prompt size (input + cache reads + writes). */
export interface ModelPrice extends Price {
  longPrompt?: { overTokens: number; price: Price };
}

export type PriceTable = Readonly<Record<string, ModelPrice | Price>>;

/** How long a cache breakpoint keeps its prefix: the API's two TTLs (CacheControlEphemeral.ttl). */
export const CACHE_TTLS = ['5m', '1h'] as const;
export type CacheTtl = (typeof CACHE_TTLS)[number];
// The bench's planned run with a 10-minute wait for Approve: from a cold cache both TTLs cost the same
// ($0.0861: the hour's dearer first writes pay for the prefix kept through the wait), and half an hour
// after another run 1h costs $0.0519 against 5m's $0.0861, since the prefix is still there. Teams run
// several requests a day and take minutes to approve, so the hour is the default (bench/README.md).
export const DEFAULT_CACHE_TTL: CacheTtl = '1h';

// List prices of the current models, from https://platform.claude.com/docs/en/about-claude/pricing and each
// model's overview page (docs/en/models/<model>/overview), read 2026-11-29. Sonnet 5.5's cache reads were
// cut from $0.20 to $0.10 on 2026-10-07 (its migration guide: "half the Claude Sonnet 5 rate"). Haiku 5.5 is
// billed in two bands: every token of a request whose prompt is over 100,000 tokens pays five times as much.
export const LIST_PRICES: PriceTable = {
  'claude-sonnet-5-5': { input: 2, output: 10, cacheRead: 0.1, cacheWrite5m: 2.5, cacheWrite1h: 4 },
  'claude-haiku-5-5': {
    input: 0.1,
    output: 0.5,
    cacheRead: 0.01,
    cacheWrite5m: 0.125,
    cacheWrite1h: 0.2,
    longPrompt: { overTokens: 100_000, price: { input: 0.5, output: 2.5, cacheRead: 0.05, cacheWrite5m: 0.625, cacheWrite1h: 1 } },
  },
  'claude-opus-5-5': { input: 4, output: 20, cacheRead: 0.2, cacheWrite5m: 5, cacheWrite1h: 8 },
};

/** The list prices with OHMYMKT_PRICES' models replacing theirs (an override is a flat price). */
export const withOverrides = (overrides: Readonly<Record<string, Price>> = {}): PriceTable => ({ ...LIST_PRICES, ...overrides });

/** A dated snapshot id (claude-sonnet-5-5-20260901) is priced as its model. */
function priceOf(model: string, table: PriceTable): ModelPrice | undefined {
  return table[model] ?? table[model.replace(/-\d{8}$/, '')];
}

/**
 * Dollars for this usage, or undefined when the model's price is unknown. Cache writes are priced at
 * their TTL: the API reports how many were written for an hour (`cacheWrite1hTokens`), the rest for
 * five minutes; usage without that split is priced at `cacheTtl` (default 5 minutes).
 */
export function costUsd(model: string, usage: Usage, options: { prices?: PriceTable | undefined; cacheTtl?: CacheTtl } = {}): number | undefined {
  const found = priceOf(model, options.prices ?? LIST_PRICES);
  if (!found) return undefined;
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const price = found.longPrompt && prompt > found.longPrompt.overTokens ? found.longPrompt.price : found;
  const hour = Math.min(usage.cacheWriteTokens, usage.cacheWrite1hTokens ?? (options.cacheTtl === '1h' ? usage.cacheWriteTokens : 0));
  return (
    (usage.inputTokens * price.input +
      (usage.cacheWriteTokens - hour) * price.cacheWrite5m +
      hour * price.cacheWrite1h +
      usage.cacheReadTokens * price.cacheRead +
      usage.outputTokens * price.output) /
    1_000_000
  );
}
