import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { metricLine } from '../../../src/slack/blocks/metrics.ts';

describe('metricLine', () => {
  test('shows a rated trend with its arrow, and its value when there is one', () => {
    assert.equal(metricLine('visibility.non_brand_visibility_trend', { trend: 'up', value: 12.5 }), ':arrow_up: visibility.non_brand_visibility_trend — up · 12.5');
    assert.equal(metricLine('quality.conversion_assist_trend', { trend: 'flat' }), ':arrow_right: quality.conversion_assist_trend — flat');
    assert.equal(metricLine('quality.high_intent_session_trend', { trend: 'down', value: -3 }), ':arrow_down: quality.high_intent_session_trend — down · -3');
  });
});
