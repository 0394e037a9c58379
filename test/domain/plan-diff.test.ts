import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { requirementsDiff } from '../../src/domain/plan-diff.ts';
import { emptyRequirements } from '../../src/domain/requirements.ts';

describe('requirementsDiff', () => {
  const v1 = { ...emptyRequirements(), budget: '5000 EUR', channels: ['LinkedIn'], owners: [{ deliverable: 'posts', owner: 'Dana' }] };

  test('says each changed field once, lists by what was added and removed', () => {
    const v2 = { ...v1, budget: '8000 EUR', channels: ['LinkedIn', 'email'], owners: [{ deliverable: 'posts', owner: 'Sam' }] };
    assert.deepEqual(requirementsDiff(v1, v2), ['Channels: + email', 'Budget: 5000 EUR → 8000 EUR', 'Owners: + posts → Sam; − posts → Dana']);
  });

  test('the same requirements have no changes', () => {
    assert.deepEqual(requirementsDiff(v1, { ...v1 }), []);
  });
});
