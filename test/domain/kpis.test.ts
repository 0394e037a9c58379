import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveTrend, goodWay, kpiStatuses, parseKpiAssignment, targetProgress } from '../../src/domain/kpis.ts';
import { initialMetricState } from '../../src/domain/metrics.ts';
import { BUILT_IN_CATALOG, SEO_AEO } from '../../src/domain/playbook-catalog.ts';
import type { Trend } from '../../src/domain/metrics.ts';
import { findTask, seedSprintBoard, updateTask } from '../../src/domain/sprint.ts';
import { poolOf } from '../../src/domain/sprint-pool.ts';
import { DAY, NOW } from './support.ts';

const demand = BUILT_IN_CATALOG.get('demand-gen');
assert.ok(demand);
const at = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('KPI trends from values', () => {
  const rows: Array<[number[], number, Trend]> = [
    [[], 0.1, 'flat'],
    [[100], 0.1, 'flat'],
    [[100, 110], 0.1, 'flat'],
    [[100, 111], 0.1, 'up'],
    [[100, 89], 0.1, 'down'],
    [[0, 5], 0.1, 'up'],
    [[0, 0], 0.1, 'flat'],
    [[50, 40, 60], 0.1, 'up'],
    [[-10, -5], 0.1, 'up'],
  ];
  for (const [values, tolerance, trend] of rows) {
    test(`${JSON.stringify(values)} with tolerance ${tolerance} → ${trend}`, () => assert.equal(deriveTrend(values, tolerance), trend));
  }

  test('down-is-good turns a falling value into an improvement', () => {
    assert.deepEqual([goodWay('down', 'down'), goodWay('up', 'down'), goodWay('flat', 'down'), goodWay('up', 'up')], ['up', 'down', 'flat', 'up']);
  });
});

describe('parseKpiAssignment', () => {
  const accepted: Array<[string, string, number]> = [
    ['mqls=120', 'mqls', 120],
    [' MQLs = 120 ', 'mqls', 120],
    ['pipeline=48,000', 'pipeline', 48000],
    ['cpl=42.5', 'cpl', 42.5],
    ['spend=.5', 'spend', 0.5],
  ];
  for (const [text, kpi, value] of accepted) {
    test(`reads ${text.trim()}`, () => assert.deepEqual(parseKpiAssignment(demand, text), { ok: true, value: { kpi, value } }));
  }
  const refused: Array<[string, 'usage' | 'invalid', RegExp]> = [
    ['mqls', 'usage', /write <kpi>=<number>, e\.g\. mqls=120/],
    ['leads=5', 'invalid', /unknown KPI "leads" for the demand-gen playbook; its KPIs: mqls, spend, sqls, pipeline, cpl/],
    ['cpl=$40', 'invalid', /cpl takes a plain number in currency per lead \(got "\$40"\)/],
    ['mqls=lots', 'invalid', /takes a plain number/],
    ['mqls=1,20', 'invalid', /takes a plain number/],
  ];
  for (const [text, code, message] of refused) {
    test(`refuses "${text}"`, () => {
      const result = parseKpiAssignment(demand, text);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.code === code && message.test(result.message), JSON.stringify(result));
    });
  }
});

describe('KPI status', () => {
  test('latest value, baseline, target and progress; cost per lead falling is good', () => {
    const values = [{ kpi: 'cpl', value: 60, at: at(14) }, { kpi: 'cpl', value: 48, at: at(7) }, { kpi: 'mqls', value: 90, at: at(7) }];
    const statuses = kpiStatuses({ values, targets: { cpl: 40, mqls: 120 }, metrics: {} }, demand);
    const cpl = statuses.find((status) => status.kpi === 'cpl');
    assert.deepEqual(
      { latest: cpl?.latest?.value, baseline: cpl?.baseline, target: cpl?.target, trend: cpl?.trend, signal: cpl?.signal, source: cpl?.source },
      { latest: 48, baseline: 60, target: 40, trend: 'down', signal: 'up', source: 'values' },
    );
    assert.equal(Math.round((targetProgress(cpl ?? { direction: 'down' }) ?? 0) * 100), 83);
    const mqls = statuses.find((status) => status.kpi === 'mqls');
    assert.deepEqual([mqls?.source, mqls?.trend, targetProgress(mqls ?? { direction: 'up' })], ['none', 'flat', 0.75]);
  });

  test('seo-aeo: a rating stands in for its KPI until two values come, and a newer rating wins again', () => {
    const metrics = initialMetricState();
    const rated = { ...metrics, visibility: { ...metrics.visibility, non_brand_visibility_trend: { trend: 'up' as const, at: at(5) } } };
    const visibility = (values: Array<{ kpi: string; value: number; at: Date }>) => kpiStatuses({ values, targets: {}, metrics: rated }, SEO_AEO).find((s) => s.kpi === 'non_brand_visibility');
    assert.deepEqual([visibility([])?.source, visibility([])?.signal, visibility([])?.signalName], ['rating', 'up', 'non_brand_visibility_trend']);
    const later = [{ kpi: 'non_brand_visibility', value: 10, at: at(4) }, { kpi: 'non_brand_visibility', value: 8, at: at(2) }];
    assert.deepEqual([visibility(later)?.source, visibility(later)?.signal, visibility(later)?.signalName], ['values', 'down', 'non_brand_visibility']);
    const earlier = [{ kpi: 'non_brand_visibility', value: 10, at: at(9) }, { kpi: 'non_brand_visibility', value: 8, at: at(8) }];
    assert.equal(visibility(earlier)?.source, 'rating');
  });
});

describe('moving a sprint task', () => {
  const board = seedSprintBoard(poolOf(demand), { owners: [], start: NOW }, demand);
  const later = new Date(NOW.getTime() + DAY);
  const first = board[0];
  assert.ok(first);

  const rows: Array<[string, Parameters<typeof updateTask>[1], { ok: boolean; status?: string; owner?: string; note?: string; message?: RegExp }]> = [
    ['start it', { status: 'in_progress' }, { ok: true, status: 'in_progress', owner: 'growth-analyst' }],
    ['hand it to a person with a note', { owner: 'U0OWNER1', note: 'sales ops owns the ICP review' }, { ok: true, status: 'pending', owner: 'U0OWNER1', note: 'sales ops owns the ICP review' }],
    ['block it with a reason', { status: 'blocked', note: 'waiting on the CRM export' }, { ok: true, status: 'blocked', note: 'waiting on the CRM export' }],
    ['block it without a reason', { status: 'blocked' }, { ok: false, message: /cannot be blocked without a note/ }],
    ['change nothing', {}, { ok: false, message: /say what changes on T01/ }],
  ];
  for (const [name, change, expected] of rows) {
    test(name, () => {
      const moved = updateTask(first, change, later);
      assert.equal(moved.ok, expected.ok);
      if (!moved.ok) return assert.match(moved.message, expected.message ?? /./);
      assert.equal(moved.value.status, expected.status);
      if (expected.owner) assert.equal(moved.value.owner, expected.owner);
      assert.equal(moved.value.note, expected.note);
      assert.deepEqual(moved.value.updatedAt, later);
    });
  }

  test('finding a task reads any case, and an unknown id names the range', () => {
    const found = findTask(board, ' t03 ');
    assert.equal(found.ok ? found.value.id : undefined, 'T03');
    const missing = findTask(board, 'T99');
    assert.match(missing.ok ? '' : missing.message, /no sprint task T99 on the board \(tasks T01–T36\)/);
    assert.match((() => { const empty = findTask([], 'T01'); return empty.ok ? '' : empty.message; })(), /seeded when a campaign starts/);
  });

  test('the demand-gen board is seeded from its own pool: 36 tasks on the volume and quality tracks, owned by module leads', () => {
    assert.equal(board.length, 36);
    assert.deepEqual(new Set(board.map((task) => task.track)), new Set(['volume', 'quality']));
    assert.ok(board.every((task) => ['growth-analyst', 'content-writer', 'content-ops'].includes(task.owner)));
  });
});
