import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { initialMetricState, type MetricState } from '../../../src/domain/metrics.ts';
import { metricsMessage } from '../../../src/slack/blocks/metrics.ts';
import { allText, assertWithinLimits } from './limits-check.ts';

const moving: MetricState = {
  visibility: { non_brand_visibility_trend: { trend: 'up', value: 12.5 }, query_cluster_coverage_trend: { trend: 'flat' } },
  quality: { high_intent_session_trend: { trend: 'down', value: -3 }, conversion_assist_trend: { trend: 'flat' } },
};

describe('metricsMessage', () => {
  test('shows each metric of each track with its arrow, and its value when there is one', () => {
    const message = metricsMessage(moving);
    assertWithinLimits(message);
    const text = allText(message);
    assert.ok(text.includes('*Visibility track*'));
    assert.ok(text.includes('*Quality track*'));
    assert.ok(text.includes(':arrow_up: non_brand_visibility_trend — up · 12.5'));
    assert.ok(text.includes(':arrow_right: query_cluster_coverage_trend — flat'));
    assert.ok(text.includes(':arrow_down: high_intent_session_trend — down · -3'));
    assert.ok(!text.includes('query_cluster_coverage_trend — flat ·'), 'no value, no value separator');
  });

  test('the notification reads the trends in one line', () => {
    assert.equal(metricsMessage(moving).text, 'Metrics: visibility up/flat, quality down/flat');
  });

  test('the initial state is all flat', () => {
    const message = metricsMessage(initialMetricState());
    assertWithinLimits(message);
    assert.equal(allText(message).match(/:arrow_right:/g)?.length, 4);
  });
});
