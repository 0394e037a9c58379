import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatWindow, isInWindow, parseWindow } from '../../src/domain/window.ts';
import { daysAgo, NOW } from './support.ts';

describe('report windows', () => {
  const accepted: Array<[string | undefined, number]> = [[undefined, 30], ['', 30], ['7d', 7], ['30d', 30], ['90D', 90], [' 14d ', 14], ['45', 45], ['1d', 1], ['365d', 365]];
  for (const [text, days] of accepted) {
    test(`${JSON.stringify(text)} is ${days} days`, () => assert.deepEqual(parseWindow(text), { ok: true, value: days }));
  }

  for (const text of ['0d', '366d', '-7d', '7w', 'month', '7.5d']) {
    test(`"${text}" is a usage error`, () => {
      const result = parseWindow(text);
      assert.equal(result.ok || result.code, 'usage');
    });
  }

  test('formats as <n>d', () => assert.equal(formatWindow(90), '90d'));

  test('the window includes its first instant and excludes anything earlier', () => {
    assert.equal(isInWindow(daysAgo(7), 7, NOW), true);
    assert.equal(isInWindow(new Date(daysAgo(7).getTime() - 1), 7, NOW), false);
  });
});
