import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyMetricAssignment, initialMetricState, parseMetricAssignment, toMetricAssignment, type MetricState } from '../../src/domain/metrics.ts';

const trendsOf = (state: MetricState, track: string) => Object.entries(state[track] ?? {}).map(([metric, reading]) => ({ metric, trend: reading.trend }));

describe('metrics', () => {
  test('start flat on both tracks', () => {
    const state = initialMetricState();
    assert.deepEqual(trendsOf(state, 'visibility'), [
      { metric: 'non_brand_visibility_trend', trend: 'flat' },
      { metric: 'query_cluster_coverage_trend', trend: 'flat' },
    ]);
    assert.deepEqual(trendsOf(state, 'quality'), [
      { metric: 'high_intent_session_trend', trend: 'flat' },
      { metric: 'conversion_assist_trend', trend: 'flat' },
    ]);
  });

  const accepted: Array<[string, string, string, string]> = [
    ['visibility.non_brand_visibility_trend=up', 'visibility', 'non_brand_visibility_trend', 'up'],
    ['visibility.query_cluster_coverage_trend=UP', 'visibility', 'query_cluster_coverage_trend', 'up'],
    ['quality.high_intent_session_trend=Down', 'quality', 'high_intent_session_trend', 'down'],
    [' Quality.conversion_assist_trend = flat ', 'quality', 'conversion_assist_trend', 'flat'],
  ];
  for (const [text, track, metric, trend] of accepted) {
    test(`reads ${text.trim()}`, () => {
      assert.deepEqual(parseMetricAssignment(text), { ok: true, value: { track, metric, trend } });
    });
  }

  const rejected: Array<[string, 'usage' | 'invalid', RegExp]> = [
    ['visibility.non_brand_visibility_trend=rising', 'invalid', /takes up, flat, down \(got "rising"\)/],
    ['visibility.non_brand_visibility_trend=1', 'invalid', /takes up, flat, down/],
    ['reach.non_brand_visibility_trend=up', 'invalid', /unknown track "reach"; valid tracks: visibility, quality/],
    ['quality.non_brand_visibility_trend=up', 'invalid', /unknown metric .* for quality; valid metrics: high_intent_session_trend, conversion_assist_trend/],
    ['visibility=up', 'usage', /write <track>\.<metric>=<up\|flat\|down>/],
  ];
  for (const [text, code, message] of rejected) {
    test(`refuses "${text}"`, () => {
      const result = parseMetricAssignment(text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.code, code);
      assert.match(result.message, message);
    });
  }

  test('a tool write carries a value with the trend', () => {
    const assignment = toMetricAssignment('quality', 'conversion_assist_trend', 'up', 12.5);
    assert.ok(assignment.ok);
    const state = applyMetricAssignment(initialMetricState(), assignment.value);
    assert.deepEqual(state.quality?.conversion_assist_trend, { trend: 'up', value: 12.5 });
    assert.deepEqual(state.quality?.high_intent_session_trend, { trend: 'flat' });
  });

  test('a new trend without a value drops the older value', () => {
    const withValue = toMetricAssignment('quality', 'conversion_assist_trend', 'up', 3);
    const withoutValue = parseMetricAssignment('quality.conversion_assist_trend=down');
    assert.ok(withValue.ok && withoutValue.ok);
    const state = applyMetricAssignment(applyMetricAssignment(initialMetricState(), withValue.value), withoutValue.value);
    assert.deepEqual(state.quality?.conversion_assist_trend, { trend: 'down' });
  });

  test('refuses a value that is not a finite number', () => {
    assert.equal(toMetricAssignment('quality', 'conversion_assist_trend', 'up', Number.NaN).ok, false);
  });
});
