// What a call costs: the default models at their list prices, OHMYMKT_PRICES overriding them, and no figure
// at all for a model whose price is unknown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { costUsd, withOverrides } from '../../src/llm/pricing.ts';

const env = { SLACK_BOT_TOKEN: 'xoxb-111-222-abc', SLACK_SIGNING_SECRET: 'shhh-signing-secret' };
const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 };
const near = (actual: number | undefined, expected: number) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('list prices', () => {
  test('a million tokens of each kind, at the 5-minute cache write the app asks for', () => {
    near(costUsd('claude-sonnet-5-5', usage), 2 + 10 + 0.1 + 2.5);
    near(costUsd('claude-opus-5-5', usage), 4 + 20 + 0.2 + 5);
    near(costUsd('claude-sonnet-5-5', usage, { cacheTtl: '1h' }), 2 + 10 + 0.1 + 4);
  });

  test('Haiku 5.5 pays its long-prompt band on every token of a request whose prompt is over 100,000 tokens', () => {
    const short = { inputTokens: 50_000, outputTokens: 1_000, cacheReadTokens: 40_000, cacheWriteTokens: 10_000 };
    near(costUsd('claude-haiku-5-5', short), (50_000 * 0.1 + 1_000 * 0.5 + 40_000 * 0.01 + 10_000 * 0.125) / 1e6);
    const long = { ...short, inputTokens: 50_001 };
    near(costUsd('claude-haiku-5-5', long), (50_001 * 0.5 + 1_000 * 2.5 + 40_000 * 0.05 + 10_000 * 0.625) / 1e6);
  });

  test('a dated snapshot is priced as its model; an unknown model has no cost', () => {
    near(costUsd('claude-sonnet-5-5-20260901', usage), 14.6);
    assert.equal(costUsd('claude-sonnet-4-6', usage), undefined);
    assert.equal(costUsd('gpt-6', usage), undefined);
  });
});

describe('OHMYMKT_PRICES', () => {
  test('overrides a model and prices one the table does not know', () => {
    const { prices } = loadConfig({
      ...env,
      OHMYMKT_PRICES: '{"claude-sonnet-5-5":{"input":3,"output":15,"cacheRead":0.3,"cacheWrite5m":3.75,"cacheWrite1h":6},"claude-sonnet-4-6":{"input":3,"output":15,"cacheRead":0.3,"cacheWrite5m":3.75,"cacheWrite1h":6}}',
    });
    near(costUsd('claude-sonnet-5-5', usage, { prices: withOverrides(prices) }), 3 + 15 + 0.3 + 3.75);
    near(costUsd('claude-sonnet-4-6', usage, { prices: withOverrides(prices) }), 3 + 15 + 0.3 + 3.75);
    near(costUsd('claude-haiku-5-5', { ...usage, inputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0 }, { prices: withOverrides(prices) }), (1000 * 0.1 + 1e6 * 0.5) / 1e6);
  });

  test('a malformed or partial price is a config error naming the field', () => {
    const problems = (value: string) => {
      try {
        loadConfig({ ...env, OHMYMKT_PRICES: value });
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.problems;
      }
      return [];
    };
    const example = '{"claude-sonnet-5-5":{"input":2,"output":10,"cacheRead":0.1,"cacheWrite5m":2.5,"cacheWrite1h":4}}';
    assert.deepEqual(problems('{sonnet: 3}'), [`OHMYMKT_PRICES must be JSON such as ${example} (US dollars per million tokens)`]);
    assert.deepEqual(problems('{"claude-sonnet-5-5":{"input":3,"output":-15,"cacheRead":0.3,"cacheWrite5m":3.75}}'), [
      'OHMYMKT_PRICES claude-sonnet-5-5.output must not be negative',
      'OHMYMKT_PRICES claude-sonnet-5-5.cacheWrite1h must be a number of US dollars per million tokens',
    ]);
  });
});
