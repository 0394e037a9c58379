// Scheduling periods read in the program's time zone — ISO week, calendar month, quarter — and the
// first instant a cron schedule falls on inside one, so a start can tell whether it missed that run.
import dayjs, { type Dayjs } from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { parse as parseCron } from 'node-cron';
import type { Cadence } from '../domain/decisions.ts';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(isoWeek);

export interface Period {
  cadence: Cadence;
  /** `2026-W48`, `2026-11` or `2026-Q4`: distinct shapes, so keys of different cadences never collide. */
  key: string;
  /** Inclusive. */
  start: Date;
  /** Exclusive: the next period's start. */
  end: Date;
}

/** What the scheduler's node-cron task offers; its own matcher decides, so we never disagree with it. */
export interface CronSchedule {
  getPattern(): string;
  match(date: Date): boolean;
}

const WALL = 'YYYY-MM-DD HH:mm:ss';

// Calendar arithmetic happens on the wall clock held as UTC, where no day is 23 or 25 hours long;
// only the final wall time is turned back into an instant in the zone.
function wallClock(at: Date, timeZone: string): Dayjs {
  return dayjs.utc(dayjs(at).tz(timeZone).format(WALL));
}

function instant(wall: Dayjs, timeZone: string): Date {
  return dayjs.tz(wall.format(WALL), timeZone).toDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodOf(cadence: Cadence, at: Date, timeZone: string): Period {
  const wall = wallClock(at, timeZone);
  let start: Dayjs;
  let end: Dayjs;
  let key: string;
  if (cadence === 'weekly') {
    start = wall.startOf('isoWeek');
    end = start.add(1, 'week');
    key = `${wall.isoWeekYear()}-W${pad(wall.isoWeek())}`;
  } else if (cadence === 'monthly') {
    start = wall.startOf('month');
    end = start.add(1, 'month');
    key = `${wall.year()}-${pad(wall.month() + 1)}`;
  } else {
    const quarter = Math.floor(wall.month() / 3);
    start = wall.startOf('year').add(quarter * 3, 'month');
    end = start.add(3, 'month');
    key = `${wall.year()}-Q${quarter + 1}`;
  }
  return { cadence, key, start: instant(start, timeZone), end: instant(end, timeZone) };
}

// Day tokens such as `L` or `1#2` are left to the task's matcher; plain numbers let us skip days cheaply.
const allows = (values: Array<number | string>, value: number) =>
  values.some((v) => typeof v !== 'number') || values.includes(value);

/**
 * The first instant inside `period` at which `schedule` fires, or undefined when it never does there
 * (a weekly expression naming the 1st of the month, say).
 */
export function firstScheduledInstant(period: Period, schedule: CronSchedule, timeZone: string): Date | undefined {
  const fields = parseCron(schedule.getPattern());
  const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
  const times = ascending(fields.hour).flatMap((h) =>
    ascending(fields.minute).flatMap((m) => ascending(fields.second).map((s) => `${pad(h)}:${pad(m)}:${pad(s)}`)),
  );
  const last = wallClock(new Date(period.end.getTime() - 1), timeZone);
  for (let day = wallClock(period.start, timeZone).startOf('day'); !day.isAfter(last); day = day.add(1, 'day')) {
    if (!fields.month.includes(day.month() + 1) || !allows(fields.dayOfMonth, day.date()) || !allows(fields.dayOfWeek, day.day())) {
      continue;
    }
    for (const time of times) {
      const at = dayjs.tz(`${day.format('YYYY-MM-DD')} ${time}`, timeZone).toDate();
      // A time skipped by a DST jump lands elsewhere; the matcher then refuses it, as node-cron would.
      if (at >= period.start && at < period.end && schedule.match(at)) return at;
    }
  }
  return undefined;
}
