import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCycle, type Cycle, type Decision } from '../../src/domain/decisions.ts';
import { applyGateAssignment, initialGateState } from '../../src/domain/gates.ts';
import type { Incident } from '../../src/domain/incidents.ts';
import { BUILT_IN_CATALOG } from '../../src/domain/playbook-catalog.ts';
import { buildGrowthReport, RECOMMENDATIONS } from '../../src/domain/reports.ts';
import { daysAgo, incident, metricsOf, NOW, passingGates } from './support.ts';

function cycle(decision: Decision, at: Date): Cycle {
  const base = runCycle({ cadence: 'weekly', metrics: metricsOf(['up', 'up'], ['up', 'up']), incidents: [], gates: passingGates(), campaignActive: true, now: at });
  return { ...base, decision };
}

describe('growth report', () => {
  test('defaults to nothing to fix: keep dual-track execution', () => {
    const report = buildGrowthReport({ days: 30, gates: passingGates(), cycles: [cycle('continue', daysAgo(3))], incidents: [], now: NOW });
    assert.equal(report.window, '30d');
    assert.equal(report.gatesPass, true);
    assert.deepEqual(report.recommendations, [RECOMMENDATIONS.steady]);
    assert.equal(RECOMMENDATIONS.steady, 'keep dual-track execution and keep codifying winner patterns');
  });

  test('per-gate lines carry owner, status and reason', () => {
    const gates = applyGateAssignment(passingGates(), { gate: 'ownership_gate', field: 'priority_query_coverage', value: 0.84 });
    const report = buildGrowthReport({ days: 7, gates, cycles: [], incidents: [], now: NOW });
    assert.equal(report.gatesPass, false);
    assert.equal(report.gateLines.length, 5);
    assert.match(report.gateLines[4] ?? '', /^ownership_gate \(SEO Lead\): fail, .*current: 0\.84/);
    assert.match(report.gateLines[0] ?? '', /^strategy_gate \(SEO Lead\): pass/);
  });

  test('counts decisions and incidents inside the window only', () => {
    const cycles = [cycle('continue', daysAgo(1)), cycle('intervene', daysAgo(6)), cycle('rollback', daysAgo(8))];
    const incidents = [incident(1, 'high', daysAgo(8), 'resolved'), incident(2, 'medium', daysAgo(2)), incident(3, 'low', daysAgo(2), 'resolved')];
    const report = buildGrowthReport({ days: 7, gates: passingGates(), cycles, incidents, now: NOW });
    assert.deepEqual(report.decisions, { continue: 1, intervene: 1, rollback: 0 });
    assert.deepEqual(report.incidents, { high: 0, medium: 1, low: 1 });
    const wider = buildGrowthReport({ days: 30, gates: passingGates(), cycles, incidents, now: NOW });
    assert.deepEqual(wider.decisions, { continue: 1, intervene: 1, rollback: 1 });
    assert.deepEqual(wider.incidents, { high: 1, medium: 1, low: 1 });
  });

  type Case = { name: string; gatesPass: boolean; cycles: Decision[]; incidents: Incident[]; expected: string[] };
  const cases: Case[] = [
    { name: 'a failing gate', gatesPass: false, cycles: ['continue'], incidents: [], expected: [RECOMMENDATIONS.gatesFailing] },
    { name: 'a rollback', gatesPass: true, cycles: ['rollback', 'continue'], incidents: [], expected: [RECOMMENDATIONS.rollbackOrP0] },
    { name: 'a P0 without rollback', gatesPass: true, cycles: [], incidents: [incident(1, 'high', daysAgo(1), 'resolved')], expected: [RECOMMENDATIONS.rollbackOrP0] },
    { name: 'intervene over continue', gatesPass: true, cycles: ['intervene', 'intervene', 'continue'], incidents: [], expected: [RECOMMENDATIONS.interveneOverContinue] },
    { name: 'intervene equal to continue', gatesPass: true, cycles: ['intervene', 'continue'], incidents: [], expected: [RECOMMENDATIONS.steady] },
    { name: 'no cycles at all', gatesPass: true, cycles: [], incidents: [incident(2, 'medium', daysAgo(1))], expected: [RECOMMENDATIONS.steady] },
    {
      name: 'all three at once, in the rules order',
      gatesPass: false,
      cycles: ['rollback', 'intervene'],
      incidents: [],
      expected: [RECOMMENDATIONS.gatesFailing, RECOMMENDATIONS.rollbackOrP0, RECOMMENDATIONS.interveneOverContinue],
    },
  ];
  for (const item of cases) {
    test(`recommends for ${item.name}`, () => {
      const report = buildGrowthReport({
        days: 30,
        gates: item.gatesPass ? passingGates() : initialGateState(),
        cycles: item.cycles.map((decision) => cycle(decision, daysAgo(2))),
        incidents: item.incidents,
        now: NOW,
      });
      assert.deepEqual(report.recommendations, item.expected);
    });
  }

  test("judges a program by its own playbook's gates and names its own scaling work", () => {
    const book = BUILT_IN_CATALOG.get('demand-gen');
    assert.ok(book);
    const report = buildGrowthReport({ days: 30, gates: passingGates(), cycles: [], incidents: [], now: NOW, book });
    // seo-aeo's gates all pass in this state; none of demand-gen's has a value yet.
    assert.equal(report.gatesPass, false);
    assert.deepEqual(report.gates.map((gate) => gate.gate), book.gates.map((gate) => gate.name));
    assert.match(report.gateLines[0] ?? '', /^icp_offer_gate \(Demand Gen Lead\): fail/);
    assert.deepEqual(report.recommendations, ['no budget scaling until all startup gates pass']);
  });

  test('says the rules in their words', () => {
    assert.deepEqual(RECOMMENDATIONS, {
      gatesFailing: 'no scale modules until all startup gates pass',
      rollbackOrP0: 'prioritise rollback prevention before the next scale cycle',
      interveneOverContinue: 'increase remediation capacity for quality-track modules',
      steady: 'keep dual-track execution and keep codifying winner patterns',
    });
  });
});

describe('growth report: KPIs, spend and what was published', () => {
  const book = BUILT_IN_CATALOG.get('demand-gen');
  const kpi = (name: string, latest: number | undefined, target?: number) => ({
    kpi: name, label: name, unit: name === 'spend' ? 'USD' : 'count', kind: 'volume' as const, direction: 'up' as const,
    ...(latest === undefined ? {} : { latest: { value: latest, at: daysAgo(1) } }), ...(target === undefined ? {} : { target }),
    count: latest === undefined ? 0 : 1, trend: 'flat' as const, signal: 'flat' as const, source: 'values' as const, signalName: name,
  });

  test('reads the budget amount the plan states', () => {
    const budgetOf = (budget: string) => buildGrowthReport({ days: 7, gates: passingGates(), cycles: [], incidents: [], now: NOW, budget }).spend?.budget;
    assert.equal(budgetOf('$50,000 over the quarter'), 50_000);
    assert.equal(budgetOf('EUR 12.5k'), 12_500);
    assert.equal(budgetOf('no paid spend'), undefined);
  });

  test('carries the KPIs, spend against the budget and the posts of the window per platform', () => {
    assert.ok(book);
    const report = buildGrowthReport({
      days: 7, gates: passingGates(), cycles: [], incidents: [], now: NOW, book,
      kpis: [kpi('mqls', 120, 200), kpi('spend', 12_000)],
      budget: '$50,000',
      publications: [{ platform: 'linkedin', at: daysAgo(2) }, { platform: 'linkedin', at: daysAgo(3) }, { platform: 'x', at: daysAgo(20) }],
    });
    assert.deepEqual(report.kpis.map((k) => [k.kpi, k.latest?.value, k.target]), [['mqls', 120, 200], ['spend', 12_000, undefined]]);
    assert.deepEqual(report.spend, { unit: 'USD', spent: 12_000, budget: 50_000 });
    assert.deepEqual(report.published, { linkedin: 2 });
  });

  test('says nothing of spend when neither a spend nor a budget is known', () => {
    const report = buildGrowthReport({ days: 7, gates: passingGates(), cycles: [], incidents: [], now: NOW, kpis: [], budget: 'no paid spend' });
    assert.equal(report.spend, undefined);
    assert.deepEqual(report.published, {});
  });
});
