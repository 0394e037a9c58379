// The asset review card and its decided form stay inside Block Kit's limits at the manifest's largest
// values, and the buttons carry what the click handler needs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Asset } from '../../../src/domain/assets.ts';
import { threadMessages } from '../../../src/slack/runs/blocks.ts';
import { assertWithinLimits } from '../blocks/limits-check.ts';

const PERSON = { userId: 'U0PERSON01', surface: 'action' as const };
const AT = new Date('2026-11-24T10:00:00Z');
const largest: Asset = {
  id: 'AST-12',
  type: 'landing_page',
  name: 'n'.repeat(200),
  status: 'review',
  format: 'text',
  location: `https://example.com/${'p'.repeat(1970)}`,
  notes: 'x'.repeat(8000),
  createdBy: PERSON,
  createdAt: AT,
  updatedBy: PERSON,
  updatedAt: AT,
};

describe('asset review blocks', () => {
  test('the review card of the largest asset is one message within limits, with Approve and Send back', () => {
    const messages = threadMessages({ type: 'asset_review', asset: largest }, '1700000000.000100');
    assert.equal(messages.length, 1);
    const [card] = messages;
    assert.ok(card);
    assertWithinLimits(card);
    const actions = card.blocks.find((block) => block.type === 'actions');
    assert.ok(actions && actions.type === 'actions');
    const values = actions.elements.map((element) => ('value' in element ? JSON.parse(String(element.value)) : undefined));
    assert.deepEqual(values, [
      { threadTs: '1700000000.000100', assetId: 'AST-12' },
      { threadTs: '1700000000.000100', assetId: 'AST-12' },
    ]);
    assert.match(JSON.stringify(card.blocks), /landing page/);
  });

  test('the decided card has no buttons and stays within limits', () => {
    for (const decision of ['approve', 'send_back'] as const) {
      const [card] = threadMessages({ type: 'asset_decided', asset: { ...largest, status: decision === 'approve' ? 'approved' : 'draft' }, decision, by: 'U0PERSON01', at: AT }, '1700000000.000100');
      assert.ok(card);
      assertWithinLimits(card);
      assert.equal(card.blocks.some((block) => block.type === 'actions'), false);
    }
  });
});
