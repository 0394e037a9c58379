import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { impactSignals, type ImpactKind } from '../../src/domain/impact.ts';
import { routeRequest } from '../../src/domain/router.ts';

function signals(text: string): Array<[ImpactKind, string]> {
  return impactSignals(text).map((signal) => [signal.kind, signal.phrase]);
}

describe('impact evidence', () => {
  const high: Array<[string, Array<[ImpactKind, string]>]> = [
    ['we have $50,000 to spend', [['money', '$50,000']]],
    ['€20k for the quarter', [['money', '€20k']]],
    ['about 10k USD', [['money', '10k USD']]],
    ['USD 1,500 max', [['money', 'USD 1,500']]],
    ['£3.5m programme', [['money', '£3.5m']]],
    ['5 000 € per month', [['money', '5 000 €']]],
    ['what budget do we need?', [['budget', 'budget']]],
    ['Budgeting for next year', [['budget', 'Budgeting']]],
    ['run LinkedIn ads', [['paid_channel', 'LinkedIn ads']]],
    ['a sponsored newsletter', [['paid_channel', 'sponsored newsletter']]],
    ['test paid search and paid social', [['paid_channel', 'paid search'], ['paid_channel', 'paid social']]],
    ['set up PPC', [['paid_channel', 'PPC']]],
    ['retargeting for visitors', [['paid_channel', 'retargeting']]],
    ['one ad per persona', [['paid_channel', 'ad']]],
    ['launch on March 3', [['launch_date', 'launch on March 3']]],
    ['we go live next Monday', [['launch_date', 'go live next Monday']]],
    ['launching in 2 weeks', [['launch_date', 'launching in 2 weeks']]],
    ['the launch date is not set', [['launch_date', 'launch date']]],
    ['by 2025-09-01 we launch', [['launch_date', '2025-09-01 we launch']]],
    ['go-live in Q3', [['launch_date', 'go-live in Q3']]],
    ['hit our revenue target', [['revenue_target', 'revenue target']]],
    ['$2M in pipeline', [['revenue_target', '$2M in pipeline']]],
    ['grow ARR to $1.2M', [['revenue_target', 'ARR to $1.2M']]],
    ['increase MRR by 20%', [['revenue_target', 'MRR by 20%']]],
    ['our sales quota', [['revenue_target', 'sales quota']]],
  ];
  for (const [text, expected] of high) {
    test(`${JSON.stringify(text)} is high impact`, () => {
      assert.deepEqual(signals(text), expected);
      assert.equal(routeRequest(text).impact, 'high');
    });
  }

  const low = [
    'build a 30-day demand-gen pipeline for our B2B SaaS',
    'ad hoc research on competitors',
    'ad-hoc audit of our blog',
    'we may launch a newsletter someday',
    'launch a content hub',
    'upload the leads list',
    'help sales write 3 emails, 20% faster',
    'improve our revenue pages',
    'write 5 posts in 2 weeks',
    'see <https://ads.google.com/home>',
    'read https://example.com/budget',
  ];
  for (const text of low) {
    test(`${JSON.stringify(text)} is low impact`, () => {
      const result = routeRequest(text);
      assert.deepEqual([result.impact, result.evidence], ['low', []]);
    });
  }

  test('a labelled link keeps its label for impact', () => {
    assert.deepEqual(routeRequest('review <https://example.com/x|our LinkedIn ads>').evidence, ['LinkedIn ads']);
  });
});
