import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeRoute, hasUltraworkKeyword, requestWithoutKeyword, routeRequest, stripBotMention } from '../../src/domain/router.ts';

describe('bot mention', () => {
  test('a leading mention is removed when the bot id is unknown', () => {
    assert.equal(stripBotMention('<@U0BOT> ulw plan it'), 'ulw plan it');
    assert.equal(stripBotMention('<@U0BOT|ohmymkt>   hello'), 'hello');
  });

  test('with the bot id, only its mentions are removed', () => {
    assert.equal(stripBotMention('ask <@U0BOT> with <@U123>', 'U0BOT'), 'ask  with <@U123>');
  });
});

describe('the ulw keyword', () => {
  const cases: Array<[string, boolean]> = [
    ['ulw build a 30-day demand-gen pipeline', true],
    ['ULW build it', true],
    ['Ultrawork: audit our blog', true],
    ['ulw, then report back', true],
    ['please (ulw) research competitors', true],
    ['run it as ultrawork.', true],
    ['culw build it', false],
    ['ulwx build it', false],
    ['ultraworking on it', false],
    ['_ulw_ write posts', true],
    ['*ULW* write posts', true],
    ['use `ulw` to go fast', false],
    ['```\nulw build it\n```\nplan a webinar', false],
    ['```ulw```', false],
    ['> ulw build it\nwhat do you think?', false],
    ['&gt; ulw build it\nwhat do you think?', false],
    ['  > quoted ulw', false],
    ['see <https://x.com/ulw>', false],
    ['see <https://example.com/a|ulw docs>', false],
    ['see https://x.com/ulw for context', false],
    ['see www.example.com/ulw', false],
    ['see example.com/ulw', false],
    ['> quoted\nulw for real', true],
    ['`code` and then ulw', true],
  ];
  for (const [text, expected] of cases) {
    test(`${JSON.stringify(text)} → ${expected ? 'keyword' : 'no keyword'}`, () => {
      assert.equal(hasUltraworkKeyword(text), expected);
    });
  }

  test('the mention does not hide the keyword', () => {
    assert.equal(routeRequest('<@U0BOT> ulw write three posts').keyword, true);
  });
});

describe('decision entry', () => {
  test('no keyword, low impact → planned with a "Run as Ultrawork" offer', () => {
    const result = routeRequest('<@U0BOT> write three blog posts about onboarding');
    assert.deepEqual(
      [result.route, result.impact, result.keyword, result.offerUltrawork, result.reviewGateOnHighCost, result.evidence],
      ['planned', 'low', false, true, false, []],
    );
    assert.equal(result.request, 'write three blog posts about onboarding');
  });

  test('keyword, low impact → ultrawork', () => {
    const result = routeRequest('<@U0BOT> ulw build a 30-day demand-gen pipeline for our B2B SaaS');
    assert.deepEqual([result.route, result.impact, result.offerUltrawork, result.reviewGateOnHighCost], ['ultrawork', 'low', false, false]);
  });

  test('no keyword, high impact → planned, no offer', () => {
    const result = routeRequest('plan a launch on March 3 with a $50,000 budget');
    assert.deepEqual([result.route, result.impact, result.offerUltrawork, result.reviewGateOnHighCost], ['planned', 'high', false, false]);
    assert.deepEqual(result.evidence, ['launch on March 3', '$50,000', 'budget']);
  });

  test('keyword, high impact → ultrawork that stops at the review gate before high-cost actions', () => {
    const result = routeRequest('ulw run LinkedIn ads for the webinar');
    assert.deepEqual([result.route, result.impact, result.offerUltrawork, result.reviewGateOnHighCost], ['ultrawork', 'high', false, true]);
  });

  test('a keyword inside code does not pick ultrawork, but the money next to it still counts', () => {
    const result = routeRequest('what does `ulw` do with a $5k budget?');
    assert.deepEqual([result.route, result.impact], ['planned', 'high']);
  });
});

describe('describeRoute', () => {
  const cases: Array<[string, string]> = [
    ['plan a launch on March 3 with a $50,000 budget', 'Route: planned — commits a $50,000 budget and a launch date'],
    ['spend €20k on paid social', 'Route: planned — commits €20k and a paid channel (paid social)'],
    ['we need a budget for Q3', 'Route: planned — commits a budget'],
    ['grow pipeline to $2M this year', 'Route: planned — commits a revenue target (pipeline to $2M)'],
    ['ulw boost our Google Ads', 'Route: ultrawork (asked for with ulw) — commits a paid channel (Google Ads), so it stops for plan approval before any high-cost action'],
    ['ulw write blog posts', 'Route: ultrawork — asked for with ulw; no budget, paid channel, launch date or revenue target named'],
    ['write blog posts', 'Route: planned — no budget, paid channel, launch date or revenue target named; it can also run as Ultrawork'],
  ];
  for (const [text, sentence] of cases) {
    test(JSON.stringify(text), () => assert.equal(describeRoute(routeRequest(text)), sentence));
  }
});

describe('requestWithoutKeyword', () => {
  const cases: Array<[string, string]> = [
    ['ulw draft three posts', 'draft three posts'],
    ['ULTRAWORK: audit the blog', 'audit the blog'],
    ['ulw, refresh pricing copy', 'refresh pricing copy'],
    ['plan the launch ulw', 'plan the launch ulw'],
    ['ulwx is a product', 'ulwx is a product'],
  ];
  for (const [input, expected] of cases) {
    test(`"${input}" → "${expected}"`, () => assert.equal(requestWithoutKeyword(input), expected));
  }
});
