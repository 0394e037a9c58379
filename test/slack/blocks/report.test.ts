import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HeaderBlock } from '@slack/types';
import type { Severity } from '../../../src/domain/incidents.ts';
import { RECOMMENDATIONS } from '../../../src/domain/reports.ts';
import { MAX_NEXT_PRIORITIES, reportMessage } from '../../../src/slack/blocks/report.ts';
import { allText, assertWithinLimits } from './limits-check.ts';
import { cycle, daysAgo, hoursAgo, incident, passingGates, report } from './fixtures.ts';

const headerOf = (blocks: { type: string }[]): string | undefined =>
  blocks.find((block): block is HeaderBlock => block.type === 'header')?.text.text;

describe('reportMessage', () => {
  const incidents = [incident(1, 'high', daysAgo(3)), incident(2, 'low', daysAgo(5), { resolvedAt: daysAgo(4) }), incident(3, 'low', hoursAgo(2))];
  const cycles = [cycle({ decision: 'intervene', at: daysAgo(7) }), cycle({ decision: 'rollback', at: daysAgo(2) })];

  test('has the window in its header, gate status with a line per gate, decision and incident counts, and recommendations', () => {
    const message = reportMessage(report(30, incidents, cycles));
    assertWithinLimits(message);
    assert.equal(headerOf(message.blocks), 'Growth report · 30d');
    const text = allText(message);
    for (const part of [
      ':x: *3 of 5 startup gates pass*',
      ':x: *capacity_gate* · Content Lead',
      ':white_check_mark: *data_gate* · Growth Analyst',
      ':arrow_forward: continue: 0',
      ':wrench: intervene: 1',
      ':rewind: rollback: 1',
      ':red_circle: P0 (high): 1',
      ':large_orange_circle: P1 (medium): 0',
      ':large_yellow_circle: P2 (low): 2',
      `• ${RECOMMENDATIONS.gatesFailing}`,
      `• ${RECOMMENDATIONS.rollbackOrP0}`,
    ]) {
      assert.ok(text.includes(part), part);
    }
    assert.ok(!text.includes('Next-cycle priorities'));
  });

  test('the notification summarises the numbers in one line', () => {
    assert.equal(
      reportMessage(report(30, incidents, cycles)).text,
      'Growth report · 30d: 3 of 5 startup gates pass; decisions 0 continue, 1 intervene, 1 rollback; incidents P0 1, P1 0, P2 2',
    );
  });

  test('a steady program gets the steady recommendation', () => {
    assert.ok(allText(reportMessage(report(7, [], [], passingGates()))).includes(`• ${RECOMMENDATIONS.steady}`));
  });

  test('takes a title, cut to the header limit', () => {
    assert.equal(headerOf(reportMessage(report(7), 'Weekly growth report').blocks), 'Weekly growth report');
    const long = reportMessage(report(7), 't'.repeat(151));
    assertWithinLimits(long);
    assert.ok((headerOf(long.blocks) ?? '').length <= 150);
  });

  test('the weekly post adds the next cycle’s priorities, numbered', () => {
    const text = allText(reportMessage(report(7), undefined, ['fix the capacity gate', 'ship <!here> answer blocks']));
    assert.ok(text.includes('*Next-cycle priorities*\n1. fix the capacity gate\n2. ship &lt;!here&gt; answer blocks'));
  });

  test('a long priority list is capped and says how many more', () => {
    const message = reportMessage(report(7), undefined, Array.from({ length: 25 }, (_, i) => `${i}: ${'p'.repeat(3001)}`));
    assertWithinLimits(message);
    assert.ok(allText(message).includes(`and ${25 - MAX_NEXT_PRIORITIES} more`));
  });

  test('a 90-day report over hundreds of incidents and cycles stays within 50 blocks', () => {
    const severities: Severity[] = ['high', 'medium', 'low'];
    const many = Array.from({ length: 600 }, (_, i) => incident(i + 1, severities[i % 3] ?? 'low', hoursAgo(i * 3)));
    const manyCycles = Array.from({ length: 120 }, (_, i) => cycle({ decision: i % 2 === 0 ? 'rollback' : 'continue', at: hoursAgo(i * 12) }));
    const message = reportMessage(report(90, many, manyCycles), undefined, Array.from({ length: 50 }, () => 'priority'));
    assertWithinLimits(message);
    assert.equal(headerOf(message.blocks), 'Growth report · 90d');
    assert.ok(allText(message).includes(':red_circle: P0 (high): 200'));
  });
});

describe('reportMessage: KPIs against targets, spend against budget, what was published', () => {
  test('shows each KPI with its target and progress, the spend of the budget, and the posts per platform', () => {
    const base = report(7, [], []);
    const mqls = { kpi: 'mqls', label: 'MQLs', unit: 'leads', kind: 'volume' as const, direction: 'up' as const, latest: { value: 120, at: daysAgo(1) }, target: 200, count: 3, trend: 'up' as const, signal: 'up' as const, source: 'values' as const, signalName: 'mqls' };
    const message = reportMessage({ ...base, kpis: [mqls], spend: { unit: 'USD', spent: 12_000, budget: 50_000 }, published: { linkedin: 2, x: 1 } });
    assertWithinLimits(message);
    const text = allText(message);
    for (const part of ['*KPIs*', '• MQLs: 120 leads · target 200 (60 %) · up', '*Spend:* 12,000 of 50,000 (24 %)', '*Published (7d):* 2 on linkedin, 1 on x']) assert.ok(text.includes(part), part);
  });
});
