import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HeaderBlock } from '@slack/types';
import { MAX_LISTED_PLANS, plansMessage } from '../../../src/slack/blocks/plans.ts';
import { allText, assertWithinLimits } from './limits-check.ts';
import { daysAgo, NOW, plan } from './fixtures.ts';

const headers = (blocks: { type: string }[]): string[] =>
  blocks.filter((block): block is HeaderBlock => block.type === 'header').map((block) => block.text.text);

describe('plansMessage', () => {
  test('shows the current version of each plan, newest first, with status and who decided when', () => {
    const plans = [
      plan(1, { version: 1, status: 'superseded', name: 'Old draft' }),
      plan(1, { version: 2, status: 'approved', name: 'Demand-gen pipeline', decision: { status: 'approved', by: 'U7', at: daysAgo(1) } }),
      plan(2, { status: 'in_review', name: 'Answer-engine push' }),
    ];
    const message = plansMessage(plans);
    assertWithinLimits(message);
    assert.deepEqual(headers(message.blocks), ['Answer-engine push', 'Demand-gen pipeline']);
    const text = allText(message);
    assert.ok(text.includes('*PLAN-1 v2* · :white_check_mark: approved'));
    assert.ok(text.includes('approved by <@U7> <!date^'));
    assert.ok(text.includes('*PLAN-2 v1* · :hourglass_flowing_sand: waiting for approval'));
    assert.ok(!text.includes('Old draft'));
    assert.equal(message.text, 'Plans: 2 plans · 1 approved · 1 waiting for approval');
  });

  test('a rejection shows its reason as text', () => {
    const rejected = plan(3, { status: 'rejected', decision: { status: 'rejected', by: 'U7', at: NOW, reason: 'budget missing <!channel>' } });
    const text = allText(plansMessage([rejected]));
    assert.ok(text.includes('rejected by <@U7>'));
    assert.ok(text.includes('budget missing &lt;!channel&gt;'));
  });

  test('a 150-character plan name fills its header whole', () => {
    const message = plansMessage([plan(1, { name: 'n'.repeat(150) })]);
    assertWithinLimits(message);
    assert.deepEqual(headers(message.blocks), ['n'.repeat(150)]);
  });

  test('a 151-character plan name is cut to at most 150 in its header', () => {
    const message = plansMessage([plan(1, { name: 'n'.repeat(151) })]);
    assertWithinLimits(message);
    const [name] = headers(message.blocks);
    assert.ok(name !== undefined && name.length <= 150 && name.endsWith('…'));
  });

  test('a name of emoji is cut without splitting one', () => {
    const [name] = headers(plansMessage([plan(1, { name: '🚀'.repeat(80) })]).blocks);
    assert.ok(name !== undefined && name.length <= 150 && !/[\uD800-\uDBFF]…$/.test(name));
  });

  test('many plans stay within limits and say how many older ones are left out', () => {
    const plans = Array.from({ length: 30 }, (_, i) => plan(i + 1, { name: 'p'.repeat(640) }));
    const message = plansMessage(plans);
    assertWithinLimits(message);
    assert.equal(headers(message.blocks).length, MAX_LISTED_PLANS);
    assert.ok(allText(message).includes(`and ${30 - MAX_LISTED_PLANS} older plans`));
  });

  test('no plans says how to start one', () => {
    const message = plansMessage([]);
    assertWithinLimits(message);
    assert.ok(allText(message).includes('No plans yet'));
  });
});
