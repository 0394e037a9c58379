import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applyGateAssignment,
  evaluateGates,
  GATE_NAMES,
  initialGateState,
  parseGateAssignment,
  toGateAssignment,
  type GateState,
} from '../../src/domain/gates.ts';
import { passingGates as passingState } from './support.ts';

function gate(state: GateState, name: string) {
  const found = evaluateGates(state).find((evaluation) => evaluation.gate === name);
  assert.ok(found);
  return found;
}

describe('startup gates', () => {
  test('start with every bool false and every number 0, so all five fail', () => {
    const evaluations = evaluateGates(initialGateState());
    assert.deepEqual(evaluations.map((evaluation) => evaluation.gate), [...GATE_NAMES]);
    assert.ok(evaluations.every((evaluation) => !evaluation.pass));
  });

  test('name the owner of each gate', () => {
    assert.deepEqual(
      Object.fromEntries(evaluateGates(initialGateState()).map((evaluation) => [evaluation.gate, evaluation.owner])),
      { strategy_gate: 'SEO Lead', compliance_gate: 'SEO Lead', capacity_gate: 'Content Lead', data_gate: 'Growth Analyst', ownership_gate: 'SEO Lead' },
    );
  });

  test('all pass at the thresholds', () => {
    assert.ok(evaluateGates(passingState()).every((evaluation) => evaluation.pass));
  });

  const capacity: Array<[number, boolean]> = [[0, false], [7, false], [7.9, false], [8, true], [12, true]];
  for (const [weeks, pass] of capacity) {
    test(`capacity_gate with ${weeks} weeks ${pass ? 'passes' : 'fails'}`, () => {
      const state = applyGateAssignment(passingState(), { gate: 'capacity_gate', field: 'rolling_weeks_feasible', value: weeks });
      assert.equal(gate(state, 'capacity_gate').pass, pass);
    });
  }

  test('a failing capacity gate says what to prove and where it stands', () => {
    const state = applyGateAssignment(passingState(), { gate: 'capacity_gate', field: 'rolling_weeks_feasible', value: 7 });
    assert.equal(gate(state, 'capacity_gate').reason, 'throughput must be proven for 8 weeks (current: 7)');
  });

  const coverage: Array<[number, boolean]> = [[0, false], [0.84, false], [0.85, true], [1, true]];
  for (const [share, pass] of coverage) {
    test(`ownership_gate with coverage ${share} ${pass ? 'passes' : 'fails'}`, () => {
      const state = applyGateAssignment(passingState(), { gate: 'ownership_gate', field: 'priority_query_coverage', value: share });
      assert.equal(gate(state, 'ownership_gate').pass, pass);
    });
  }

  test('a two-field gate fails on either field and names the missing one', () => {
    const state = applyGateAssignment(passingState(), { gate: 'data_gate', field: 'reconcilable', value: false });
    const data = gate(state, 'data_gate');
    assert.equal(data.pass, false);
    assert.match(data.reason, /reconcilable is false/);
    assert.doesNotMatch(data.reason, /dashboard_stable/);
  });
});

describe('parseGateAssignment', () => {
  const accepted: Array<[string, string, string, boolean | number]> = [
    ['strategy_gate.approved=true', 'strategy_gate', 'approved', true],
    ['strategy_gate.approved=TRUE', 'strategy_gate', 'approved', true],
    ['data_gate.reconcilable = False ', 'data_gate', 'reconcilable', false],
    ['capacity_gate.rolling_weeks_feasible=8', 'capacity_gate', 'rolling_weeks_feasible', 8],
    ['capacity_gate.rolling_weeks_feasible=0', 'capacity_gate', 'rolling_weeks_feasible', 0],
    ['capacity_gate.rolling_weeks_feasible=7.5', 'capacity_gate', 'rolling_weeks_feasible', 7.5],
    ['ownership_gate.priority_query_coverage=0.85', 'ownership_gate', 'priority_query_coverage', 0.85],
    ['ownership_gate.priority_query_coverage=.84', 'ownership_gate', 'priority_query_coverage', 0.84],
    ['ownership_gate.priority_query_coverage=1.0', 'ownership_gate', 'priority_query_coverage', 1],
    ['Ownership_Gate.Priority_Query_Coverage=1', 'ownership_gate', 'priority_query_coverage', 1],
  ];
  for (const [text, gateName, field, value] of accepted) {
    test(`reads ${text}`, () => {
      assert.deepEqual(parseGateAssignment(text), { ok: true, value: { gate: gateName, field, value } });
    });
  }

  const rejected: Array<[string, 'usage' | 'invalid', RegExp]> = [
    ['strategy_gate.approved=no', 'invalid', /takes true or false \(got "no"\)/],
    ['strategy_gate.approved=yes', 'invalid', /takes true or false \(got "yes"\)/],
    ['compliance_gate.documented=1', 'invalid', /takes true or false/],
    ['compliance_gate.documented=', 'invalid', /takes true or false/],
    ['ownership_gate.priority_query_coverage=85', 'invalid', /from 0 to 1 \(got 85\); write a share such as 0\.85 for 85%/],
    ['ownership_gate.priority_query_coverage=1.01', 'invalid', /from 0 to 1/],
    ['ownership_gate.priority_query_coverage=85%', 'invalid', /from 0 to 1 \(got "85%"\)/],
    ['capacity_gate.rolling_weeks_feasible=lots', 'invalid', /a number of at least 0 \(got "lots"\)/],
    ['capacity_gate.rolling_weeks_feasible=-1', 'invalid', /a number of at least 0/],
    ['capacity_gate.rolling_weeks_feasible=1e3', 'invalid', /a number of at least 0/],
    ['speed_gate.fast=true', 'invalid', /unknown gate "speed_gate"; valid gates: strategy_gate, compliance_gate, capacity_gate, data_gate, ownership_gate/],
    ['strategy_gate.signed=true', 'invalid', /unknown field "signed" for strategy_gate; valid fields: kpi_tree_bound, approved/],
    ['strategy_gate approved true', 'usage', /write <gate>\.<field>=<value>/],
    ['', 'usage', /write <gate>\.<field>=<value>/],
  ];
  for (const [text, code, message] of rejected) {
    test(`refuses "${text}"`, () => {
      const result = parseGateAssignment(text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.code, code);
      assert.match(result.message, message);
    });
  }

  test('takes typed values from a tool input as they are', () => {
    assert.deepEqual(toGateAssignment('data_gate', 'dashboard_stable', true), { ok: true, value: { gate: 'data_gate', field: 'dashboard_stable', value: true } });
    assert.equal(toGateAssignment('data_gate', 'dashboard_stable', 1).ok, false);
    assert.equal(toGateAssignment('capacity_gate', 'rolling_weeks_feasible', true).ok, false);
    assert.equal(toGateAssignment('ownership_gate', 'priority_query_coverage', 85).ok, false);
  });

  test('applying a parsed assignment changes only that field', () => {
    const parsed = parseGateAssignment('strategy_gate.approved=true');
    assert.ok(parsed.ok);
    const next = applyGateAssignment(initialGateState(), parsed.value);
    assert.deepEqual(next.strategy_gate, { kpi_tree_bound: false, approved: true });
    assert.deepEqual(initialGateState().strategy_gate, { kpi_tree_bound: false, approved: false });
  });
});
