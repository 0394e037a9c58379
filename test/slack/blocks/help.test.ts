import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { helpMessage, MAX_USAGE_REASONS, USAGE, usageError } from '../../../src/slack/blocks/help.ts';
import { allText, assertWithinLimits, textsOf } from './limits-check.ts';

const unescape = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('USAGE', () => {
  test('lists every command of the grammar', () => {
    for (const command of ['help | status', 'ulw <request>', 'incident open <high|medium|low|P0|P1|P2> [module:<name>] <summary>',
      'incident update <id> <note> | incident resolve <id> [note] | incident list', 'gates | gates set <gate>.<field>=<value>',
      'metrics | metrics set <track>.<metric>=<up|flat|down>', 'plans | cycle [run] [weekly|monthly|quarterly] | report [<n>d]', 'policy | policy four-eyes on|off',
      'approvers | approvers add @user | approvers remove @user', 'provider']) {
      assert.ok(USAGE.includes(command), command);
    }
    assert.match(USAGE, /^assets +the asset manifest/m);
  });
});

describe('helpMessage', () => {
  test('shows the whole grammar in a code block, with its angle brackets escaped', () => {
    const message = helpMessage();
    assertWithinLimits(message);
    const usage = textsOf(message).find((text) => text.includes('```'));
    assert.ok(usage !== undefined);
    assert.ok(!/<(request|id|note|summary)>/.test(usage), 'raw <…> would be read as a link');
    assert.ok(unescape(usage).includes(USAGE));
  });
});

describe('usageError', () => {
  test('names the problem first, then the reasons, then the usage', () => {
    const texts = textsOf(usageError('"P3" is not a severity', ['use high, medium or low (or P0, P1, P2)'])).slice(1);
    const problem = texts.findIndex((text) => text.includes('is not a severity'));
    const reason = texts.findIndex((text) => text.includes('use high, medium or low'));
    const usage = texts.findIndex((text) => text.includes('```'));
    assert.deepEqual([problem, reason > problem, usage > reason], [0, true, true]);
  });

  test('user text echoed in the problem cannot mention anyone', () => {
    const message = usageError('"<!channel>" is not an incident id', ['<@U1> is not a gate']);
    assertWithinLimits(message);
    assert.ok(!allText(message).includes('<!channel>'));
    assert.ok(!allText(message).includes('<@U1>'));
  });

  test(`${MAX_USAGE_REASONS} reasons are all shown`, () => {
    const reasons = Array.from({ length: MAX_USAGE_REASONS }, (_, i) => `reason ${i + 1}`);
    const text = allText(usageError('bad', reasons));
    assert.ok(text.includes(`reason ${MAX_USAGE_REASONS}`));
    assert.ok(!text.includes('more_'));
  });

  test('a flood of long reasons stays within limits and says how many were left out', () => {
    const reasons = Array.from({ length: 40 }, (_, i) => `${i}: ${'x'.repeat(3001)}`);
    const message = usageError('p'.repeat(3001), reasons);
    assertWithinLimits(message);
    assert.ok(allText(message).includes('and 30 more'));
  });
});
