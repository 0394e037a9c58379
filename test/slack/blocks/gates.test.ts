import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GateEvaluation } from '../../../src/domain/gates.ts';
import { gatesMessage } from '../../../src/slack/blocks/gates.ts';
import { allText, assertWithinLimits } from './limits-check.ts';
import { evaluations, passingGates } from './fixtures.ts';

describe('gatesMessage', () => {
  test('says how many gates pass, then one line per gate with its owner and reason', () => {
    const message = gatesMessage(evaluations());
    assertWithinLimits(message);
    const text = allText(message);
    assert.ok(text.includes('3 of 5 startup gates pass'));
    assert.ok(text.includes(':white_check_mark: *strategy_gate* · SEO Lead — passes'));
    assert.ok(text.includes(':x: *capacity_gate* · Content Lead — throughput must be proven for 8 weeks (current: 7)'));
    assert.equal(text.match(/:x: \*\w+_gate\*/g)?.length, 2);
  });

  test('the notification names the failing gates', () => {
    assert.equal(gatesMessage(evaluations()).text, '3 of 5 startup gates pass; failing: capacity_gate, ownership_gate');
  });

  test('all passing says a campaign can start', () => {
    const message = gatesMessage(evaluations(passingGates()));
    assert.equal(message.text, '5 of 5 startup gates pass');
    assert.ok(allText(message).includes('a campaign can start'));
  });

  test('an oversized reason stays within the section limit', () => {
    const long: GateEvaluation[] = evaluations().map((evaluation) => ({ ...evaluation, pass: false, reason: 'r'.repeat(3001) }));
    assertWithinLimits(gatesMessage(long));
  });
});
