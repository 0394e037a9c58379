import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_ACTIONS } from '../../../src/domain/decisions.ts';
import { cycleMessage, MAX_CYCLE_WARNINGS } from '../../../src/slack/blocks/cycle.ts';
import { allText, assertWithinLimits, textsOf } from './limits-check.ts';
import { cycle } from './fixtures.ts';

describe('cycleMessage', () => {
  test('leads with the decision, then the reason, the actions as a list, and the warnings', () => {
    const message = cycleMessage(cycle(), ['all 3 sprint task(s) this period were on the quality track']);
    assertWithinLimits(message);
    const texts = textsOf(message);
    assert.equal(texts[1], ':wrench: Weekly cycle: intervene');
    const text = allText(message);
    assert.ok(text.includes('*Why:* insufficient multi-track progress'));
    for (const action of DEFAULT_ACTIONS.intervene) assert.ok(text.includes(`• ${action}`), action);
    assert.ok(text.includes(':warning: all 3 sprint task(s)'));
    assert.ok(text.indexOf('*Why:*') < text.indexOf('*Actions*'));
    assert.ok(text.indexOf('*Actions*') < text.indexOf(':warning:'));
  });

  test('each decision has its own emoji', () => {
    assert.ok(textsOf(cycleMessage(cycle({ decision: 'rollback' }), []))[1]?.startsWith(':rewind:'));
    assert.ok(textsOf(cycleMessage(cycle({ decision: 'continue' }), []))[1]?.startsWith(':arrow_forward:'));
  });

  test('no warnings, no warning section', () => {
    assert.ok(!allText(cycleMessage(cycle(), [])).includes(':warning:'));
  });

  test('a quarter full of incidents and warnings stays within limits', () => {
    const busy = cycle({
      cadence: 'quarterly',
      decision: 'rollback',
      reason: `P0 incident in the observation window (${Array.from({ length: 400 }, (_, i) => `INC-${i + 1}`).join(', ')})`,
      incidentIds: Array.from({ length: 400 }, (_, i) => `INC-${i + 1}`),
    });
    const message = cycleMessage(busy, Array.from({ length: 30 }, () => 'w'.repeat(3001)));
    assertWithinLimits(message);
    assert.ok(allText(message).includes(`and ${30 - MAX_CYCLE_WARNINGS} more warnings`));
    assert.ok(allText(message).includes('and 390 more'));
  });
});
