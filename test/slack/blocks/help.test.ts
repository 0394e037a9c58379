import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { helpMessage, MAX_USAGE_REASONS, USAGE, usageError, usageOf } from '../../../src/slack/blocks/help.ts';
import { allText, assertWithinLimits, textsOf } from './limits-check.ts';

const unescape = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('USAGE', () => {
  test('lists every command of the grammar', () => {
    for (const command of ['help | status', 'ulw <request>', 'incident open <high|medium|low|P0|P1|P2> [module:<name>] <summary>',
      'incident update <id> <note> | incident resolve <id> [note] | incident list', 'gates | gates set <gate>.<field>=<value>',
      'metrics | metrics set <kpi>=<number> | metrics target <kpi>=<number>', 'metrics set <track>.<metric>=<up|flat|down>',
      'playbook | playbook set <name>', 'plans | board', 'cycle [weekly|monthly|quarterly]', 'cycle run [weekly|monthly|quarterly]', 'report [<n>d] [post]', 'policy | policy four-eyes on|off',
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

describe('usageOf', () => {
  test('a mistyped command shows its own lines, with their notes, and no other command', () => {
    const cycle = usageOf('cycle') ?? '';
    assert.match(cycle, /^cycle \[weekly/m);
    assert.match(cycle, /^cycle run /m);
    assert.doesNotMatch(cycle, /incident|approvers|report/);
    const incident = usageOf('incident.update') ?? '';
    assert.equal(incident.split('\n').length, 3, incident);
    assert.match(incident, /ids are short and typable/);
  });

  test('a word that is no command has no usage of its own, so the whole list is shown', () => {
    assert.equal(usageOf('launch'), undefined);
    const text = unescape(allText(usageError('"launch" is not an ohmymkt command', [], 'launch')));
    assert.ok(text.includes(USAGE));
  });

  test('a usage error for a known command leaves the rest of the list out', () => {
    const text = unescape(allText(usageError('"P3" is not a severity', [], 'incident')));
    assert.match(text, /\/ohmymkt incident open/);
    assert.doesNotMatch(text, /approvers add|policy four-eyes/);
    assert.match(text, /\/ohmymkt help` lists every command/);
  });
});
