import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Execution } from '../../../src/domain/campaign.ts';
import { MAX_STATUS_INCIDENTS, statusMessage, type StatusInput } from '../../../src/slack/blocks/status.ts';
import { allText, assertWithinLimits } from './limits-check.ts';
import { cycle, daysAgo, evaluations, hoursAgo, incident, NOW, passingGates, person, plan } from './fixtures.ts';

const execution: Execution = { planId: 'PLAN-1', planVersion: 2, activeTracks: ['visibility', 'quality'], startedBy: person, startedAt: daysAgo(10) };

function input(overrides: Partial<StatusInput> = {}): StatusInput {
  return {
    campaign: 'active',
    execution,
    gates: evaluations(passingGates()),
    openIncidents: [],
    plans: [plan(1, { version: 2, status: 'approved' })],
    lastCycle: cycle(),
    warnings: [],
    ...overrides,
  };
}

describe('statusMessage', () => {
  test('an active campaign shows its plan, gates, incidents, plans and last cycle', () => {
    const message = statusMessage(input(), NOW);
    assertWithinLimits(message);
    const text = allText(message);
    for (const part of [
      '*Campaign active*',
      'PLAN-1 v2 · started',
      'by <@U1>',
      'tracks: visibility, quality',
      '5 of 5 startup gates pass',
      '*Open incidents*\n:white_check_mark: none',
      'PLAN-1 v2 approved',
      'Weekly cycle: intervene, 2d ago',
    ]) {
      assert.ok(text.includes(part), part);
    }
    assert.equal(message.text, 'Status: campaign active · 5 of 5 startup gates pass · 0 open incidents');
  });

  test('a paused campaign says why and lists the open incidents, most severe first', () => {
    const message = statusMessage(
      input({ campaign: 'paused', openIncidents: [incident(1, 'low', daysAgo(1)), incident(2, 'high', hoursAgo(3))] }),
      NOW,
    );
    assertWithinLimits(message);
    const text = allText(message);
    assert.ok(text.includes('*Campaign paused:* a P0 incident is open'));
    assert.ok(text.includes('*Open incidents*\n2 open: 1 P0, 1 P2'));
    assert.ok(text.indexOf('*INC-2*') < text.indexOf('*INC-1*'));
  });

  test('no campaign, failing gates, no plans and no cycle each say so', () => {
    const message = statusMessage({ campaign: 'none', gates: evaluations(), openIncidents: [], plans: [], warnings: [] }, NOW);
    assertWithinLimits(message);
    const text = allText(message);
    for (const part of ['*No active campaign.*', '3 of 5 startup gates pass', 'failing: capacity_gate, ownership_gate', '*Plans*\nnone yet', '*Last cycle*\nnone yet']) {
      assert.ok(text.includes(part), part);
    }
  });

  test('warnings are shown as text', () => {
    const text = allText(statusMessage(input({ warnings: ['no weekly cycle for more than 7 days <!channel>'] }), NOW));
    assert.ok(text.includes(':warning: no weekly cycle for more than 7 days &lt;!channel&gt;'));
  });

  test('hundreds of open incidents and warnings stay within limits and point to the full list', () => {
    const open = Array.from({ length: 300 }, (_, i) => incident(i + 1, 'medium', hoursAgo(i + 1), { summary: 's'.repeat(500) }));
    const message = statusMessage(input({ campaign: 'paused', openIncidents: open, warnings: Array.from({ length: 40 }, () => 'w'.repeat(3001)) }), NOW);
    assertWithinLimits(message);
    const text = allText(message);
    assert.ok(text.includes(`and ${300 - MAX_STATUS_INCIDENTS} more`));
    assert.ok(text.includes('incident list'));
  });
});
