import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CADENCE_DAYS,
  decideCycle,
  DEFAULT_ACTIONS,
  dualTrackWarning,
  runCycle,
  stalenessWarning,
  type Decision,
} from '../../src/domain/decisions.ts';
import { applyGateAssignment, initialGateState } from '../../src/domain/gates.ts';
import type { Incident } from '../../src/domain/incidents.ts';
import type { Trend } from '../../src/domain/metrics.ts';
import { DAY, daysAgo, incident, metricsOf, NOW, passingGates } from './support.ts';

type Row = { name: string; visibility: [Trend, Trend]; quality: [Trend, Trend]; incidents?: Incident[]; decision: Decision; reason: RegExp };

// In the rules' order; each row shows the first rule that applies.
const TABLE: Row[] = [
  { name: 'P0 in the window beats every trend up', visibility: ['up', 'up'], quality: ['up', 'up'], incidents: [incident(1, 'high', daysAgo(2))], decision: 'rollback', reason: /^P0 incident in the observation window \(INC-1\)/ },
  { name: 'a resolved P0 in the window still counts', visibility: ['up', 'up'], quality: ['up', 'up'], incidents: [incident(2, 'high', daysAgo(2), 'resolved')], decision: 'rollback', reason: /^P0 incident/ },
  { name: 'medium and low incidents do not force rollback', visibility: ['up', 'flat'], quality: ['up', 'flat'], incidents: [incident(3, 'medium', daysAgo(1)), incident(4, 'low', daysAgo(1))], decision: 'continue', reason: /^visibility and quality both rise/ },
  { name: 'visibility up with one quality field down', visibility: ['up', 'flat'], quality: ['flat', 'down'], decision: 'rollback', reason: /^volume up, quality down/ },
  { name: 'visibility up with quality split up/down is still rollback', visibility: ['flat', 'up'], quality: ['up', 'down'], decision: 'rollback', reason: /^volume up, quality down/ },
  { name: 'visibility up, quality flat', visibility: ['up', 'up'], quality: ['flat', 'flat'], decision: 'intervene', reason: /^visibility rises, quality does not/ },
  { name: 'visibility up, one quality field up', visibility: ['up', 'down'], quality: ['flat', 'up'], decision: 'continue', reason: /^visibility and quality both rise/ },
  { name: 'both tracks fully up', visibility: ['up', 'up'], quality: ['up', 'up'], decision: 'continue', reason: /^visibility and quality both rise/ },
  { name: 'all flat', visibility: ['flat', 'flat'], quality: ['flat', 'flat'], decision: 'intervene', reason: /^insufficient multi-track progress/ },
  { name: 'quality up without visibility', visibility: ['flat', 'down'], quality: ['up', 'up'], decision: 'intervene', reason: /^insufficient multi-track progress/ },
  { name: 'everything down', visibility: ['down', 'down'], quality: ['down', 'down'], decision: 'intervene', reason: /^insufficient multi-track progress/ },
];

describe('the decision table', () => {
  for (const row of TABLE) {
    test(`${row.name} → ${row.decision}`, () => {
      const decided = decideCycle({
        cadence: 'weekly',
        metrics: metricsOf(row.visibility, row.quality),
        incidentsInWindow: row.incidents ?? [],
        gates: passingGates(),
        campaignActive: true,
      });
      assert.equal(decided.decision, row.decision);
      assert.match(decided.reason, row.reason);
      assert.deepEqual(decided.actions, [...DEFAULT_ACTIONS[row.decision]]);
    });
  }
});

describe('cadences', () => {
  const base = { metrics: metricsOf(['up', 'up'], ['up', 'up']), incidentsInWindow: [], gates: passingGates(), campaignActive: true };

  test('windows are 7, 30 and 90 days', () => {
    assert.deepEqual(CADENCE_DAYS, { weekly: 7, monthly: 30, quarterly: 90 });
  });

  test('monthly adds cluster-level rebalancing', () => {
    assert.deepEqual(decideCycle({ ...base, cadence: 'monthly' }).actions, [...DEFAULT_ACTIONS.continue, 'rebalance cluster-level investment']);
  });

  test('quarterly adds the architecture governance review', () => {
    assert.deepEqual(decideCycle({ ...base, cadence: 'quarterly' }).actions, [...DEFAULT_ACTIONS.continue, 'architecture governance review']);
  });

  test('each decision has its three default actions', () => {
    assert.match(DEFAULT_ACTIONS.rollback.join('|'), /pause scale modules now.*roll back high-risk template changes.*P0 postmortem/);
    assert.match(DEFAULT_ACTIONS.intervene.join('|'), /remediation sprint.*re-check gates.*refresh\/new ratio/);
    assert.match(DEFAULT_ACTIONS.continue.join('|'), /expand winning query clusters.*balanced.*archive winner patterns/);
  });
});

describe('the whole picture in the reason', () => {
  const metrics = metricsOf(['up', 'up'], ['up', 'up']);

  test('names failing gates', () => {
    const gates = applyGateAssignment(passingGates(), { gate: 'capacity_gate', field: 'rolling_weeks_feasible', value: 7 });
    const decided = decideCycle({ cadence: 'weekly', metrics, incidentsInWindow: [], gates, campaignActive: true });
    assert.equal(decided.decision, 'continue');
    assert.match(decided.reason, /; startup gates failing: capacity_gate$/);
  });

  test('says when no campaign is active', () => {
    const decided = decideCycle({ cadence: 'weekly', metrics, incidentsInWindow: [], gates: initialGateState(), campaignActive: false });
    assert.match(decided.reason, /startup gates failing: strategy_gate, compliance_gate, capacity_gate, data_gate, ownership_gate; no active campaign$/);
  });

  test('says nothing extra when gates pass and a campaign runs', () => {
    assert.equal(decideCycle({ cadence: 'weekly', metrics, incidentsInWindow: [], gates: passingGates(), campaignActive: true }).reason.includes(';'), false);
  });
});

describe('runCycle', () => {
  const metrics = metricsOf(['up', 'up'], ['up', 'up']);

  test('a P0 outside the weekly window does not count', () => {
    const cycle = runCycle({ cadence: 'weekly', metrics, incidents: [incident(1, 'high', daysAgo(8))], gates: passingGates(), campaignActive: true, now: NOW });
    assert.equal(cycle.decision, 'continue');
    assert.deepEqual(cycle.incidentIds, []);
  });

  test('the same P0 is inside the monthly window', () => {
    const cycle = runCycle({ cadence: 'monthly', metrics, incidents: [incident(1, 'high', daysAgo(8), 'resolved')], gates: passingGates(), campaignActive: true, now: NOW });
    assert.equal(cycle.decision, 'rollback');
    assert.deepEqual(cycle.incidentIds, ['INC-1']);
  });

  test('stores what the decision saw', () => {
    const gates = initialGateState();
    const cycle = runCycle({ cadence: 'quarterly', metrics, incidents: [], gates, campaignActive: false, now: NOW });
    assert.deepEqual(
      { cadence: cycle.cadence, gates: cycle.gates, gatesPass: cycle.gatesPass, metrics: cycle.metrics, campaignActive: cycle.campaignActive, at: cycle.at },
      { cadence: 'quarterly', gates, gatesPass: false, metrics, campaignActive: false, at: NOW },
    );
  });
});

describe('warnings', () => {
  test('dual-track: warns when the period worked only one track', () => {
    assert.match(dualTrackWarning([{ track: 'visibility' }, { track: 'visibility' }]) ?? '', /all 2 sprint task\(s\) this period were on the visibility track and none on quality/);
    assert.match(dualTrackWarning([{ track: 'quality' }]) ?? '', /on the quality track and none on visibility/);
  });

  test('dual-track: quiet for mixed work or no work', () => {
    assert.equal(dualTrackWarning([{ track: 'visibility' }, { track: 'quality' }]), undefined);
    assert.equal(dualTrackWarning([]), undefined);
  });

  const stale: Array<[string, { campaignStartedAt: Date | undefined; lastWeeklyCycleAt: Date | undefined }, boolean]> = [
    ['no campaign', { campaignStartedAt: undefined, lastWeeklyCycleAt: undefined }, false],
    ['last weekly cycle exactly 7 days ago', { campaignStartedAt: daysAgo(30), lastWeeklyCycleAt: daysAgo(7) }, false],
    ['last weekly cycle 7 days and a minute ago', { campaignStartedAt: daysAgo(30), lastWeeklyCycleAt: new Date(daysAgo(7).getTime() - 60_000) }, true],
    ['started 6 days ago, no cycle yet', { campaignStartedAt: daysAgo(6), lastWeeklyCycleAt: undefined }, false],
    ['started 9 days ago, no cycle yet', { campaignStartedAt: daysAgo(9), lastWeeklyCycleAt: undefined }, true],
  ];
  for (const [name, input, warns] of stale) {
    test(`staleness: ${name} → ${warns ? 'warns' : 'quiet'}`, () => {
      assert.equal(stalenessWarning({ ...input, now: NOW }) !== undefined, warns);
    });
  }

  test('staleness says how long', () => {
    assert.match(stalenessWarning({ campaignStartedAt: daysAgo(30), lastWeeklyCycleAt: new Date(NOW.getTime() - 10 * DAY), now: NOW }) ?? '', /more than 7 days \(the last weekly cycle ran 10 days ago\)/);
  });
});
