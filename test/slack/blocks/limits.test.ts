import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KnownBlock } from '@slack/types';
import { LIMITS, mrkdwnEscape, splitIntoMessages, truncate, truncateMrkdwn } from '../../../src/slack/blocks/limits.ts';
import { assertWithinLimits, SLACK } from './limits-check.ts';

const sectionOf = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const numbered = (count: number): KnownBlock[] => Array.from({ length: count }, (_, i) => sectionOf(`block ${i + 1}`));

describe('LIMITS', () => {
  test('match the values in Slack’s reference', () => {
    assert.equal(LIMITS.messageBlocks, 50);
    assert.equal(LIMITS.modalBlocks, 100);
    assert.equal(LIMITS.sectionText, 3000);
    assert.equal(LIMITS.sectionFields, 10);
    assert.equal(LIMITS.sectionFieldText, 2000);
    assert.equal(LIMITS.headerText, 150);
    assert.equal(LIMITS.contextElements, 10);
    assert.equal(LIMITS.buttonText, 75);
    assert.equal(LIMITS.buttonValue, 2000);
    assert.equal(LIMITS.actionId, 255);
    assert.equal(LIMITS.blockId, 255);
    assert.equal(LIMITS.plainTextInputMaxLength, 3000);
    assert.equal(LIMITS.modalTitle, 24);
  });
});

describe('truncate', () => {
  test('leaves text at the limit untouched', () => {
    const text = 'a'.repeat(150);
    assert.equal(truncate(text, 150), text);
  });

  test('cuts text one past the limit to the limit, ending with an ellipsis', () => {
    const cut = truncate('a'.repeat(151), 150);
    assert.equal(cut.length, 150);
    assert.ok(cut.endsWith('…'));
  });

  test('never splits a surrogate pair', () => {
    const cut = truncate('😀'.repeat(100), 150);
    assert.ok(cut.length <= 150);
    assert.equal(cut, `${'😀'.repeat(74)}…`);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut), 'no lone high surrogate');
  });

  test('a limit smaller than the ellipsis yields empty text', () => {
    assert.equal(truncate('abc', 0), '');
  });
});

describe('truncateMrkdwn', () => {
  test('drops a cut entity rather than showing half of it', () => {
    const cut = truncateMrkdwn(`${'a'.repeat(7)}&amp;tail`, 10);
    assert.equal(cut, `${'a'.repeat(7)}…`);
  });

  test('drops a cut mention rather than leaving a broken one', () => {
    const cut = truncateMrkdwn(`${'a'.repeat(5)} <@U123456> tail`, 12);
    assert.equal(cut, `${'a'.repeat(5)} …`);
  });
});

describe('mrkdwnEscape', () => {
  test('turns broadcast and user mentions in user text into harmless text', () => {
    const escaped = mrkdwnEscape('ping <!channel> and <@U1> or <!here|here> & <https://evil.example|click>');
    assert.equal(escaped, 'ping &lt;!channel&gt; and &lt;@U1&gt; or &lt;!here|here&gt; &amp; &lt;https://evil.example|click&gt;');
    assert.ok(!escaped.includes('<') && !escaped.includes('>'));
  });

  test('escapes an ampersand first, so an existing entity is shown as typed', () => {
    assert.equal(mrkdwnEscape('&lt;'), '&amp;lt;');
  });
});

describe('splitIntoMessages', () => {
  test('50 blocks stay one message', () => {
    assert.deepEqual(splitIntoMessages(numbered(50)).map((run) => run.length), [50]);
  });

  test('51 blocks become two messages, in order', () => {
    const runs = splitIntoMessages(numbered(51));
    assert.deepEqual(runs.map((run) => run.length), [50, 1]);
    assert.deepEqual(runs.flat(), numbered(51));
  });

  test('a header at the end of a run moves on with the content it introduces', () => {
    const blocks = [...numbered(49), { type: 'header', text: { type: 'plain_text', text: 'Next' } } as KnownBlock, ...numbered(3)];
    const runs = splitIntoMessages(blocks);
    assert.deepEqual(runs.map((run) => run.length), [49, 4]);
    assert.equal(runs[1]?.[0]?.type, 'header');
  });

  test('refuses a run size below one', () => {
    assert.throws(() => splitIntoMessages(numbered(3), 0), RangeError);
  });
});

describe('assertWithinLimits', () => {
  const msg = (blocks: KnownBlock[]) => ({ text: 'summary', blocks });
  const header = (length: number): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(length) } });
  const fields = (count: number, length = 5): KnownBlock => ({
    type: 'section',
    fields: Array.from({ length: count }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(length) })),
  });
  const contextOf = (count: number): KnownBlock => ({
    type: 'context',
    elements: Array.from({ length: count }, () => ({ type: 'mrkdwn' as const, text: 'c' })),
  });
  const button = (label: number, actionId = 'act'): KnownBlock => ({
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(label) }, action_id: actionId }],
  });

  const cases: Array<[string, KnownBlock[], KnownBlock[]]> = [
    ['blocks per message', numbered(SLACK.messageBlocks), numbered(SLACK.messageBlocks + 1)],
    ['section text', [sectionOf('s'.repeat(3000))], [sectionOf('s'.repeat(3001))]],
    ['header text', [header(150)], [header(151)]],
    ['section fields', [fields(10)], [fields(11)]],
    ['section field text', [fields(1, 2000)], [fields(1, 2001)]],
    ['context elements', [contextOf(10)], [contextOf(11)]],
    ['button text', [button(75)], [button(76)]],
    ['action_id length', [button(5, 'a'.repeat(255))], [button(5, 'a'.repeat(256))]],
    ['action_id uniqueness', [button(5, 'one'), button(5, 'two')], [button(5, 'same'), button(5, 'same')]],
  ];
  for (const [limit, atLimit, pastLimit] of cases) {
    test(`accepts ${limit} at the limit`, () => assertWithinLimits(msg(atLimit)));
    test(`rejects ${limit} past the limit`, () => assert.throws(() => assertWithinLimits(msg(pastLimit))));
  }

  test('accepts our own mentions and dates and escaped user text', () => {
    assertWithinLimits(msg([sectionOf('<@U1> opened <!date^1751274000^{date_short}|2025-06-30>: &lt;!channel&gt; &amp; more')]));
  });

  for (const raw of ['<!channel> now', 'see <https://evil.example|docs>', 'AT&T', 'a > b']) {
    test(`rejects unescaped user text: ${raw}`, () => assert.throws(() => assertWithinLimits(msg([sectionOf(raw)]))));
  }

  test('rejects a notification text over two lines', () => {
    assert.throws(() => assertWithinLimits({ text: 'one\ntwo', blocks: numbered(1) }));
  });
});
