// What a call cost, from its usage: prices in US dollars per million tokens for the model families
// we run. Cache writes cost 1.25× input and cache reads 0.1× input (5-minute ephemeral cache).
import type { Usage } from './model.ts';

interface Price {
  input: number;
  output: number;
}

const PRICES: Array<[RegExp, Price]> = [
  [/opus-4-(?:[5-9])/, { input: 5, output: 25 }],
  [/opus/, { input: 15, output: 75 }],
  [/sonnet/, { input: 3, output: 15 }],
  [/haiku-(?:[4-9]|3-5)/, { input: 1, output: 5 }],
  [/haiku/, { input: 0.25, output: 1.25 }],
];

/** Dollars for this usage, or undefined when the model's price is not known to us. */
export function costUsd(model: string, usage: Usage): number | undefined {
  const price = PRICES.find(([pattern]) => pattern.test(model))?.[1];
  if (!price) return undefined;
  const perToken = (dollarsPerMillion: number) => dollarsPerMillion / 1_000_000;
  return (
    usage.inputTokens * perToken(price.input) +
    usage.cacheWriteTokens * perToken(price.input * 1.25) +
    usage.cacheReadTokens * perToken(price.input * 0.1) +
    usage.outputTokens * perToken(price.output)
  );
}
