// The plan card shows the analyst's playbook proposal and KPI targets, within Block Kit's limits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUILT_IN_CATALOG } from '../../../src/domain/playbook-catalog.ts';
import { applyPlanChoice } from '../../../src/domain/plans.ts';
import { threadMessages } from '../../../src/slack/runs/blocks.ts';
import { newPlan } from '../../domain/support.ts';
import { allText, assertWithinLimits } from '../blocks/limits-check.ts';

describe('plan card', () => {
  const rows: Array<[string, Parameters<typeof applyPlanChoice>[1], RegExp | undefined]> = [
    ['a proposed playbook with targets', { playbook: BUILT_IN_CATALOG.get('demand-gen'), kpiTargets: { mqls: 150, cpl: 40 } }, /\*Playbook:\* demand-gen {2}· {2}\*KPI targets:\* mqls 150, cpl 40/],
    ['targets without a proposal', { kpiTargets: { high_intent_sessions: 900 } }, /\*KPI targets:\* high_intent_sessions 900/],
    ['no proposal at all', {}, undefined],
  ];
  for (const [name, choice, shown] of rows) {
    test(`shows ${name}`, () => {
      const plan = applyPlanChoice(newPlan(), choice);
      const [card] = threadMessages({ type: 'plan', plan, kind: 'plan' }, '1700000000.000100');
      assert.ok(card);
      assertWithinLimits(card);
      if (shown) assert.match(allText(card), shown);
      else assert.doesNotMatch(allText(card), /Playbook:|KPI targets:/);
    });
  }
});
