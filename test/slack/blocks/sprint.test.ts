import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SprintTask } from '../../../src/domain/sprint.ts';
import { sprintBoardMessages } from '../../../src/slack/blocks/sprint.ts';
import { allText, assertWithinLimits } from './limits-check.ts';
import { board, daysAgo, NOW } from './fixtures.ts';

const ids = (tasks: SprintTask[]): string[] => tasks.map((task) => task.id);
const shownIds = (text: string): string[] => [...text.matchAll(/`(T\d+|X\d+)`/g)].map((match) => match[1] ?? '');

describe('sprintBoardMessages', () => {
  test('the 40-task board is one message with every task, grouped by track then module', () => {
    const tasks = board();
    assert.equal(tasks.length, 40);
    const messages = sprintBoardMessages(tasks, NOW);
    assert.equal(messages.length, 1);
    messages.forEach(assertWithinLimits);
    const text = messages.map(allText).join('\n');
    assert.deepEqual(shownIds(text).sort(), ids(tasks).sort());
    assert.ok(text.indexOf('*Visibility track*') < text.indexOf('*Quality track*'));
    assert.ok(text.indexOf('*technical_foundation*') < text.lastIndexOf('*scale_loop*'));
    assert.ok(text.indexOf('*Quality track*') < text.indexOf('*technical_foundation*'));
  });

  test('a row shows status, owner, due date, and overdue when late', () => {
    const [first, second] = board(daysAgo(30));
    assert.ok(first !== undefined && second !== undefined);
    const tasks = [{ ...first, status: 'blocked' as const, owner: 'U0123ABCD' }, { ...second, status: 'done' as const }];
    const text = allText(sprintBoardMessages(tasks, NOW)[0] ?? { text: '', blocks: [] });
    assert.ok(text.includes(':no_entry: `T01`'));
    assert.ok(text.includes('· <@U0123ABCD> · due <!date^'));
    assert.ok(/`T01`[^\n]*overdue/.test(text));
    assert.ok(!/`T02`[^\n]*overdue/.test(text), 'done is never overdue');
    assert.ok(text.includes(':white_check_mark: `T02`'));
  });

  test('the 40-task board with the longest texts still fits, split if needed, each message within limits', () => {
    const tasks = board().map((task) => ({ ...task, text: `${'long task text '.repeat(300)} <!channel>`, owner: 'o'.repeat(200) }));
    const messages = sprintBoardMessages(tasks, NOW);
    messages.forEach(assertWithinLimits);
    const text = messages.map(allText).join('\n');
    assert.deepEqual(shownIds(text).sort(), ids(tasks).sort());
    assert.ok(!text.includes('<!channel>'));
  });

  test('a board bigger than one message is split into parts, each within limits, none losing a task', () => {
    const base = board();
    const tasks = Array.from({ length: 1000 }, (_, i) => {
      const template = base[i % base.length];
      assert.ok(template !== undefined);
      return { ...template, id: `X${i + 1}`, text: 't'.repeat(300) };
    });
    const messages = sprintBoardMessages(tasks, NOW);
    assert.ok(messages.length > 1);
    messages.forEach(assertWithinLimits);
    messages.forEach((message, i) => assert.ok(allText(message).includes(`part ${i + 1} of ${messages.length}`)));
    const shown = messages.flatMap((message) => shownIds(allText(message)));
    assert.equal(shown.length, 1000);
    assert.deepEqual(new Set(shown), new Set(ids(tasks)));
  });

  test('an empty board says it is seeded when a campaign starts', () => {
    const [message] = sprintBoardMessages([], NOW);
    assert.ok(message !== undefined);
    assertWithinLimits(message);
    assert.ok(allText(message).includes('seeded when a campaign starts'));
  });
});
