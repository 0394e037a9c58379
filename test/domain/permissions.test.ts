// The permission table row by row (rules §14), then the two rules that depend on the channel:
// four-eyes on high-impact plans and the first / last approver.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  approvalNeeded,
  approversChangePermission,
  decidePlanPermission,
  PERMISSION_ACTIONS,
  PERMISSIONS,
  permit,
  type PermissionAction,
  type Person,
} from '../../src/domain/permissions.ts';
import { storageErrorText } from '../../src/services/public-errors.ts';
import { StoreUnavailable } from '../../src/store/port.ts';

const REQUESTER = 'U0REQUEST1';
const APPROVER = 'U0APPROVE1';
const people: Record<'member' | 'requester' | 'approver' | 'admin', Person> = {
  member: { userId: 'U0MEMBER01', isAdmin: false, approvers: [APPROVER], requesterId: REQUESTER },
  requester: { userId: REQUESTER, isAdmin: false, approvers: [APPROVER], requesterId: REQUESTER },
  approver: { userId: APPROVER, isAdmin: false, approvers: [APPROVER], requesterId: REQUESTER },
  admin: { userId: 'U0ADMIN001', isAdmin: true, approvers: [APPROVER], requesterId: REQUESTER },
};

// rules.md §14, as a person reads it: who may, per action.
const EXPECTED: Record<PermissionAction, Array<keyof typeof people>> = {
  'run.start': ['member', 'requester', 'approver', 'admin'],
  'run.answer': ['requester', 'approver'],
  'plan.decide': ['requester', 'approver'],
  'asset.decide': ['requester', 'approver'],
  'run.cancel': ['requester', 'approver'],
  'run.retry': ['requester', 'approver'],
  'gates.set': ['approver', 'admin'],
  'metrics.set': ['approver', 'admin'],
  'incident.resolve': ['approver', 'admin'],
  'cycle.run': ['approver', 'admin'],
  'campaign.start': ['approver', 'admin'],
  'asset.publish': ['requester', 'approver', 'admin'],
  'playbook.set': ['approver', 'admin'],
  'policy.set': ['approver', 'admin'],
  'approvers.change': ['approver', 'admin'],
  'provider.settings': ['approver', 'admin'],
  'incident.open': ['member', 'requester', 'approver', 'admin'],
  'incident.update': ['member', 'requester', 'approver', 'admin'],
  read: ['member', 'requester', 'approver', 'admin'],
};

describe('the permission table', () => {
  for (const action of PERMISSION_ACTIONS) {
    test(`${action}: ${EXPECTED[action].join(', ')}`, () => {
      const allowed = (Object.keys(people) as Array<keyof typeof people>).filter((role) => permit(action, people[role]).ok);
      assert.deepEqual(allowed, EXPECTED[action]);
    });
  }

  test('a refusal names who may', () => {
    const refused = permit('gates.set', people.member);
    assert.equal(refused.ok, false);
    assert.equal(refused.ok ? '' : refused.message, 'only an approver of this channel (`/ohmymkt approvers`) or a workspace admin may set gates');
    const cancel = permit('run.cancel', people.member);
    assert.match(cancel.ok ? '' : cancel.message, new RegExp(`^only the person who asked or an approver of this channel .* may ${PERMISSIONS['run.cancel'].what}$`));
  });
});

describe('four-eyes', () => {
  const high = { highImpact: true, fourEyes: true, approve: true };
  test('the requester alone cannot approve a high-impact plan while another approver exists', () => {
    assert.equal(decidePlanPermission(people.requester, high).ok, false);
    assert.equal(decidePlanPermission(people.approver, high).ok, true);
  });
  test('the requester may: on a low-impact plan, with four-eyes off, when rejecting, or with no other approver', () => {
    assert.equal(decidePlanPermission(people.requester, { ...high, highImpact: false }).ok, true);
    assert.equal(decidePlanPermission(people.requester, { ...high, fourEyes: false }).ok, true);
    assert.equal(decidePlanPermission(people.requester, { ...high, approve: false }).ok, true);
    assert.equal(decidePlanPermission({ ...people.requester, approvers: [REQUESTER] }, high).ok, true);
  });
  test('the plan card says whose approval it needs', () => {
    assert.deepEqual(approvalNeeded(REQUESTER, [APPROVER], high), { requesterId: REQUESTER, requesterMay: false, approvers: [APPROVER] });
    assert.deepEqual(approvalNeeded(REQUESTER, [], high), { requesterId: REQUESTER, requesterMay: true, approvers: [] });
    assert.deepEqual(approvalNeeded(REQUESTER, [REQUESTER, APPROVER], { ...high, highImpact: false }), { requesterId: REQUESTER, requesterMay: true, approvers: [APPROVER] });
  });
});

describe('approvers', () => {
  const none = { userId: APPROVER, isAdmin: false, approvers: [] };
  test('only an admin adds the first approver', () => {
    assert.equal(approversChangePermission(none, { kind: 'add', target: APPROVER }).ok, false);
    assert.equal(approversChangePermission({ ...none, isAdmin: true }, { kind: 'add', target: APPROVER }).ok, true);
  });
  test('then approvers add and remove, but the last approver goes only by an admin', () => {
    const one = { userId: APPROVER, isAdmin: false, approvers: [APPROVER] };
    assert.equal(approversChangePermission(one, { kind: 'add', target: 'U0OTHER001' }).ok, true);
    assert.equal(approversChangePermission(one, { kind: 'remove', target: APPROVER }).ok, false);
    assert.equal(approversChangePermission({ ...one, isAdmin: true }, { kind: 'remove', target: APPROVER }).ok, true);
    assert.equal(approversChangePermission({ ...one, userId: 'U0MEMBER01' }, { kind: 'add', target: 'U0MEMBER01' }).ok, false);
  });
});

describe('infrastructure stays out of Slack', () => {
  test('a storage failure is told as "storage is unreachable", without the host', () => {
    const text = storageErrorText(new StoreUnavailable('MongoDB at db-7.internal:27017 does not answer: ECONNREFUSED'));
    assert.match(text ?? '', /^storage is unreachable/);
    assert.ok(!/db-7|27017/.test(text ?? ''));
  });
});
