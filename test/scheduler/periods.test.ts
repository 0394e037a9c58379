// Period keys and scheduled instants are read in the configured zone, not in UTC.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import cron, { type ScheduledTask } from 'node-cron';
import { firstScheduledInstant, periodOf } from '../../src/scheduler/periods.ts';

const LA = 'America/Los_Angeles';
const tasks: ScheduledTask[] = [];
after(async () => {
  await Promise.all(tasks.map((task) => task.destroy()));
});

/** A stopped node-cron task: the same matcher the scheduler hands to firstScheduledInstant. */
function schedule(expression: string, timezone: string): ScheduledTask {
  const task = cron.createTask(expression, () => undefined, { timezone });
  tasks.push(task);
  return task;
}

describe('period keys', () => {
  test('Sunday 23:30 in Los Angeles is still the ISO week that UTC has already left', () => {
    const at = new Date('2026-11-30T07:30:00Z'); // Sunday 2026-11-29 23:30 PST, Monday 07:30 UTC
    assert.equal(periodOf('weekly', at, LA).key, '2026-W48');
    assert.equal(periodOf('weekly', at, 'UTC').key, '2026-W49');
  });

  test('a week runs from Monday 00:00 to the next Monday 00:00 on the zone’s wall clock', () => {
    const week = periodOf('weekly', new Date('2026-11-25T12:00:00Z'), LA);
    assert.deepEqual([week.start.toISOString(), week.end.toISOString()], ['2026-11-23T08:00:00.000Z', '2026-11-30T08:00:00.000Z']);
  });

  test('the last days of December and the first of January belong to ISO week 53 of 2026', () => {
    assert.deepEqual(
      ['2026-12-28T12:00:00Z', '2026-12-31T12:00:00Z', '2027-01-03T12:00:00Z', '2027-01-04T12:00:00Z'].map(
        (iso) => periodOf('weekly', new Date(iso), LA).key,
      ),
      ['2026-W53', '2026-W53', '2026-W53', '2027-W01'],
    );
  });

  test('the first week of a year can start in December', () => {
    assert.equal(periodOf('weekly', new Date('2025-12-30T12:00:00Z'), 'UTC').key, '2026-W01');
  });

  test('months and quarters turn over at local midnight', () => {
    const at = new Date('2026-10-01T05:00:00Z'); // 2026-09-30 22:00 PDT
    assert.deepEqual(
      [periodOf('monthly', at, LA).key, periodOf('monthly', at, 'UTC').key, periodOf('quarterly', at, LA).key, periodOf('quarterly', at, 'UTC').key],
      ['2026-09', '2026-10', '2026-Q3', '2026-Q4'],
    );
  });

  test('a quarter spans its three months', () => {
    const quarter = periodOf('quarterly', new Date('2026-11-15T12:00:00Z'), LA);
    assert.deepEqual(
      [quarter.key, quarter.start.toISOString(), quarter.end.toISOString()],
      ['2026-Q4', '2026-10-01T07:00:00.000Z', '2027-01-01T08:00:00.000Z'],
    );
  });
});

describe('the scheduled instant of a period', () => {
  test('Monday 09:00 in the zone, for the default weekly schedule', () => {
    const week = periodOf('weekly', new Date('2026-11-25T12:00:00Z'), LA);
    assert.equal(firstScheduledInstant(week, schedule('0 9 * * 1', LA), LA)?.toISOString(), '2026-11-23T17:00:00.000Z');
  });

  test('the first of the month and of the quarter at 09:00, on either side of a DST change', () => {
    const at = new Date('2026-11-15T12:00:00Z');
    assert.equal(firstScheduledInstant(periodOf('monthly', at, LA), schedule('0 9 1 * *', LA), LA)?.toISOString(), '2026-11-01T17:00:00.000Z');
    assert.equal(
      firstScheduledInstant(periodOf('quarterly', at, LA), schedule('0 9 1 1,4,7,10 *', LA), LA)?.toISOString(),
      '2026-10-01T16:00:00.000Z',
    );
  });

  test('the earliest of several runs in a week', () => {
    const week = periodOf('weekly', new Date('2026-11-25T12:00:00Z'), 'UTC');
    assert.equal(firstScheduledInstant(week, schedule('30 7,16 * * 2,4', 'UTC'), 'UTC')?.toISOString(), '2026-11-24T07:30:00.000Z');
  });

  test('none when the expression never fires inside the period', () => {
    const week = periodOf('weekly', new Date('2026-11-25T12:00:00Z'), LA);
    assert.equal(firstScheduledInstant(week, schedule('0 9 1 * *', LA), LA), undefined);
  });

  test('day tokens are left to node-cron’s matcher', () => {
    const month = periodOf('monthly', new Date('2026-11-05T12:00:00Z'), 'UTC');
    assert.equal(firstScheduledInstant(month, schedule('0 9 * * 1#2', 'UTC'), 'UTC')?.toISOString(), '2026-11-09T09:00:00.000Z');
  });
});
