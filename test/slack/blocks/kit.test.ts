import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContextBlock, HeaderBlock, SectionBlock } from '@slack/types';
import {
  context,
  fallback,
  fieldsSection,
  formatAge,
  header,
  mention,
  message,
  openLink,
  section,
  sectionsFromLines,
  slackDate,
  userMention,
} from '../../../src/slack/blocks/kit.ts';
import { FALLBACK_TEXT_MAX } from '../../../src/slack/blocks/limits.ts';
import { assertWithinLimits } from './limits-check.ts';
import { NOW, hoursAgo, daysAgo } from './fixtures.ts';

const textOf = (block: SectionBlock | HeaderBlock): string => block.text?.text ?? '';

describe('header', () => {
  test('keeps 150 characters whole', () => {
    assert.equal(textOf(header('h'.repeat(150))).length, 150);
  });

  test('cuts 151 characters to at most 150', () => {
    const block = header('h'.repeat(151));
    assert.ok(textOf(block).length <= 150);
    assertWithinLimits(message('x', [block]));
  });

  test('is one line even when the text had several', () => {
    assert.equal(textOf(header('first\nsecond')), 'first second');
  });
});

describe('section', () => {
  test('keeps 3000 characters whole', () => {
    assert.equal(textOf(section('s'.repeat(3000))).length, 3000);
  });

  test('cuts 3001 characters to at most 3000', () => {
    const block = section('s'.repeat(3001));
    assert.ok(textOf(block).length <= 3000);
    assertWithinLimits(message('x', [block]));
  });

  test('never sends empty text, which Slack rejects', () => {
    assertWithinLimits(message('x', [section('   ')]));
  });

  test('is verbatim, so bare channel names and mentions people typed are not linked', () => {
    const text = section('see #general').text;
    assert.ok(text?.type === 'mrkdwn' && text.verbatim === true);
  });
});

describe('fieldsSection', () => {
  test('keeps ten fields of 2000 characters', () => {
    const block = fieldsSection(Array.from({ length: 10 }, () => 'f'.repeat(2000)));
    assert.equal(block.fields?.length, 10);
    assertWithinLimits(message('x', [block]));
  });

  test('drops the eleventh field and cuts a 2001-character one', () => {
    const block = fieldsSection(Array.from({ length: 11 }, () => 'f'.repeat(2001)));
    assert.equal(block.fields?.length, 10);
    assertWithinLimits(message('x', [block]));
  });
});

describe('context', () => {
  const count = (block: ContextBlock): number => block.elements.length;

  test('keeps ten elements', () => {
    assert.equal(count(context(Array.from({ length: 10 }, (_, i) => `c${i}`))), 10);
  });

  test('drops the eleventh element', () => {
    const block = context(Array.from({ length: 11 }, (_, i) => `c${i}`));
    assert.equal(count(block), 10);
    assertWithinLimits(message('x', [block]));
  });
});

describe('sectionsFromLines', () => {
  test('lines that fit share one section', () => {
    assert.equal(sectionsFromLines(['a', 'b', 'c']).length, 1);
  });

  test('lines that do not fit start a new section and none is split', () => {
    const lines = Array.from({ length: 4 }, (_, i) => `${i}`.repeat(1000));
    const sections = sectionsFromLines(lines);
    assert.equal(sections.length, 2);
    assert.deepEqual(sections.map((block) => textOf(block).split('\n').length), [2, 2]);
    assertWithinLimits(message('x', sections));
  });

  test('a single line over 3000 characters is cut on its own', () => {
    const sections = sectionsFromLines(['short', 'x'.repeat(5000), 'after']);
    assertWithinLimits(message('x', sections));
    assert.ok(sections.some((block) => textOf(block).includes('short')));
    assert.ok(sections.some((block) => textOf(block).includes('after')));
  });
});

describe('fallback text', () => {
  test('is one escaped line no longer than the notification limit', () => {
    const text = fallback(`<!channel> ${'word '.repeat(200)}\nsecond line`);
    assert.ok(text.length <= FALLBACK_TEXT_MAX);
    assert.ok(!text.includes('\n'));
    assert.ok(text.startsWith('&lt;!channel&gt;'));
  });
});

describe('mentions', () => {
  test('a stored user id becomes a mention', () => {
    assert.equal(userMention('U1'), '<@U1>');
    assert.equal(userMention('<@U0123ABCD|maria>'), '<@U0123ABCD>');
  });

  test('free text becomes a mention only when it is unmistakably a user', () => {
    assert.equal(mention('U0123ABCD'), '<@U0123ABCD>');
    assert.equal(mention('<@U1>'), '<@U1>');
    assert.equal(mention('UX'), 'UX');
    assert.equal(mention('seo-engineer'), 'seo-engineer');
  });

  test('anything else is escaped text', () => {
    assert.equal(mention('<!channel>'), '&lt;!channel&gt;');
    assert.equal(userMention('<!channel>'), '&lt;!channel&gt;');
  });
});

describe('time', () => {
  test('ages read as minutes, hours, then days', () => {
    assert.equal(formatAge(new Date(NOW.getTime() - 5 * 60_000), NOW), '5m');
    assert.equal(formatAge(hoursAgo(3), NOW), '3h');
    assert.equal(formatAge(daysAgo(2), NOW), '2d');
    assert.equal(formatAge(NOW, NOW), '1m');
  });

  test('a date renders in the reader’s time zone with a UTC fallback', () => {
    assert.equal(slackDate(NOW), '<!date^1751274000^{date_short_pretty} {time}|2025-06-30 09:00 UTC>');
    assert.equal(slackDate(NOW, false), '<!date^1751274000^{date_short}|2025-06-30>');
  });

  test('a link is written only for a plain web address; anything that could break the sequence stays text', () => {
    assert.equal(openLink('https://example.com/a?b=1&c=2'), '<https://example.com/a?b=1&amp;c=2|open>');
    assert.equal(openLink('https://example.com/x|<!channel>'), 'https://example.com/x|&lt;!channel&gt;');
    assert.equal(openLink('javascript:alert(1)'), 'javascript:alert(1)');
    assert.equal(openLink('https://example.com/a b'), 'https://example.com/a b');
  });
});
