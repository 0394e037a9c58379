import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { approversMessage, MAX_LISTED_APPROVERS } from '../../../src/slack/blocks/approvers.ts';
import { allText, assertWithinLimits } from './limits-check.ts';

describe('approversMessage', () => {
  test('renders each approver as a mention, once', () => {
    const message = approversMessage(['U0123ABCD', '<@U0123ABCD>', 'W9876ZYXW']);
    assertWithinLimits(message);
    const text = allText(message);
    assert.equal(text.match(/<@U0123ABCD>/g)?.length, 1);
    assert.ok(text.includes('<@W9876ZYXW>'));
    assert.ok(text.includes('*2 approvers*'));
  });

  test('with nobody listed, says only the requester can approve', () => {
    const message = approversMessage([]);
    assertWithinLimits(message);
    assert.ok(allText(message).includes('Only the person who made a request can approve'));
    assert.equal(message.text, 'No approvers set: only the requester can approve a plan in this channel');
  });

  test('a value that is not a user id is shown as text, never as a broadcast', () => {
    const text = allText(approversMessage(['<!channel>']));
    assert.ok(!text.includes('<!channel>'));
  });

  test('a huge list stays within limits and counts the rest', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `U${String(i).padStart(9, '0')}`);
    const message = approversMessage(many);
    assertWithinLimits(message);
    assert.ok(allText(message).includes(`and ${1000 - MAX_LISTED_APPROVERS} more`));
  });
});
