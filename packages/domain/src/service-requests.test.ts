// Requests' deadlines and lights on the Chinese working-day calendar (docs/domain.md §服务工作). The dates are
// the State Council's published schedules that chinese-days carries (2025 and 2026: 春节 and 国庆 with their
// 调休 weekend working days), and an administrator's additions for a year the package does not know.
import { describe, expect, it } from 'vitest';
import {
  closedOnTime,
  DEFAULT_REQUEST_CATEGORIES,
  daysToClose,
  lightFor,
  median,
  type RequestClock,
  requestDeadlines,
  requestLight,
  runningDeadline,
} from './service.js';
import {
  addWorkdays,
  calendarKnows,
  isWorkday,
  PACKAGE_CALENDAR,
  type WorkdayCalendar,
  workdaysBetween,
} from './workdays.js';

const cal = PACKAGE_CALENDAR;
const standard = DEFAULT_REQUEST_CATEGORIES[0]!; // 1 / 3 / 10 working days

describe('working days across 国庆 and 春节', () => {
  it('2025 国庆: 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked', () => {
    expect(isWorkday(cal, '2025-09-28')).toBe(true); // Sunday, 调休
    expect(isWorkday(cal, '2025-10-08')).toBe(false); // Wednesday, holiday
    expect(isWorkday(cal, '2025-10-11')).toBe(true); // Saturday, 调休
    expect(isWorkday(cal, '2025-10-12')).toBe(false); // Sunday
    expect(addWorkdays(cal, '2025-09-26', 1)).toBe('2025-09-28');
    expect(addWorkdays(cal, '2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkdays(cal, '2025-09-30', 3)).toBe('2025-10-11');
    expect(workdaysBetween(cal, '2025-09-26', '2025-10-13')).toBe(7);
  });

  it('2025 春节: 01-28..02-04 off, Sunday 01-26 and Saturday 02-08 worked', () => {
    expect(addWorkdays(cal, '2025-01-24', 1)).toBe('2025-01-26');
    expect(addWorkdays(cal, '2025-01-27', 1)).toBe('2025-02-05');
    expect(isWorkday(cal, '2025-02-08')).toBe(true);
  });

  it('2026 春节: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked', () => {
    expect(addWorkdays(cal, '2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkdays(cal, '2026-02-14', 1)).toBe('2026-02-24');
    expect(addWorkdays(cal, '2026-02-27', 1)).toBe('2026-02-28');
    expect(workdaysBetween(cal, '2026-02-13', '2026-02-24')).toBe(2);
  });

  it('2026 国庆: 10-01..10-07 off, Saturday 10-10 worked', () => {
    expect(addWorkdays(cal, '2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkdays(cal, '2026-10-09', 1)).toBe('2026-10-10');
    expect(isWorkday(cal, '2026-10-10')).toBe(true);
  });

  it('a year the package does not know: Monday–Friday until the administrator adds the published days', () => {
    expect(calendarKnows(cal, 2099)).toBe(false);
    // 2099-10-01 is a Thursday, 2099-10-10 a Saturday.
    expect(isWorkday(cal, '2099-10-01')).toBe(true);
    expect(isWorkday(cal, '2099-10-10')).toBe(false);
    const added: WorkdayCalendar = {
      additions: {
        2099: {
          holidays: ['2099-10-01', '2099-10-02', '2099-10-05', '2099-10-06', '2099-10-07'],
          workdays: ['2099-10-10'],
        },
      },
    };
    expect(calendarKnows(added, 2099)).toBe(true);
    expect(isWorkday(added, '2099-10-01')).toBe(false);
    expect(isWorkday(added, '2099-10-10')).toBe(true);
    expect(addWorkdays(added, '2099-09-30', 1)).toBe('2099-10-08');
    expect(addWorkdays(added, '2099-10-09', 1)).toBe('2099-10-10');
    // An addition wins over the package for a year it knows.
    const override: WorkdayCalendar = { additions: { 2026: { holidays: ['2026-11-20'], workdays: [] } } };
    expect(isWorkday(override, '2026-11-20')).toBe(false);
  });
});

describe('亮灯 at each boundary', () => {
  // Friday 2026-11-20: the next working day is Monday 11-23, the one after Tuesday 11-24.
  const friday = '2026-11-20';
  it('due today or the next working day is yellow, two working days away green, past red', () => {
    expect(lightFor(cal, friday, friday)).toBe('yellow');
    expect(lightFor(cal, '2026-11-23', friday)).toBe('yellow');
    expect(lightFor(cal, '2026-11-24', friday)).toBe('green');
    expect(lightFor(cal, '2026-11-19', friday)).toBe('red');
  });
  it('across a weekend and a holiday', () => {
    // Saturday: Monday is the next working day.
    expect(lightFor(cal, '2026-11-23', '2026-11-21')).toBe('yellow');
    expect(lightFor(cal, '2026-11-24', '2026-11-21')).toBe('green');
    // Before 国庆 2026: the next working day after 09-30 is 10-08, so a request due 10-08 is yellow on 09-30.
    expect(lightFor(cal, '2026-10-08', '2026-09-30')).toBe('yellow');
    expect(lightFor(cal, '2026-10-09', '2026-09-30')).toBe('green');
    // The day after the due day is red even when it is a holiday.
    expect(lightFor(cal, '2026-09-30', '2026-10-01')).toBe('red');
  });
  it('counts calendar days overdue', () => {
    const clock: RequestClock = {
      state: 'pending',
      waitingSince: '2026-11-16',
      deadlines: { acceptDue: '2026-11-17', replyDue: '2026-11-19', closeDue: '2026-11-30' },
      repliedOn: null,
    };
    expect(requestLight(cal, clock, '2026-11-20')).toEqual({
      light: 'red',
      kind: 'accept',
      dueOn: '2026-11-17',
      daysOverdue: 3,
    });
    expect(requestLight(cal, clock, '2026-11-17')).toMatchObject({ light: 'yellow', daysOverdue: 0 });
    expect(requestLight(cal, { ...clock, state: 'resolved' }, '2026-11-20')).toBeNull();
  });
});

describe('the running deadline per state', () => {
  const deadlines = { acceptDue: '2026-11-23', replyDue: '2026-11-25', closeDue: '2026-12-04' };
  const clock = (over: Partial<RequestClock>): RequestClock => ({
    state: 'submitted',
    waitingSince: '2026-11-20',
    deadlines: null,
    repliedOn: null,
    ...over,
  });
  it('route while waiting for the centre, accept while pending, reply then close while in progress', () => {
    expect(runningDeadline(cal, clock({}))).toEqual({ kind: 'route', dueOn: '2026-11-23' });
    expect(runningDeadline(cal, clock({ state: 'returned', waitingSince: '2026-11-24', deadlines }))).toEqual(
      {
        kind: 'route',
        dueOn: '2026-11-25',
      },
    );
    expect(runningDeadline(cal, clock({ state: 'pending', deadlines }))).toEqual({
      kind: 'accept',
      dueOn: '2026-11-23',
    });
    expect(runningDeadline(cal, clock({ state: 'inProgress', deadlines }))).toEqual({
      kind: 'reply',
      dueOn: '2026-11-25',
    });
    expect(runningDeadline(cal, clock({ state: 'inProgress', deadlines, repliedOn: '2026-11-24' }))).toEqual({
      kind: 'close',
      dueOn: '2026-12-04',
    });
    // A category whose reply and close deadlines coincide: only the close runs.
    const same = { ...deadlines, replyDue: '2026-12-04' };
    expect(runningDeadline(cal, clock({ state: 'inProgress', deadlines: same }))?.kind).toBe('close');
    for (const state of ['resolved', 'evaluated', 'unsolvable'] as const)
      expect(runningDeadline(cal, clock({ state, deadlines }))).toBeNull();
  });
});

describe('deadlines fixed at routing', () => {
  it('count working days from the routing day across 国庆', () => {
    expect(requestDeadlines(cal, standard, '2025-09-30')).toEqual({
      acceptDue: '2025-10-09',
      replyDue: '2025-10-11',
      closeDue: '2025-10-21',
    });
  });
  it('the close deadline counts from the first routing: a rerouted request keeps the firm’s wait', () => {
    const first = requestDeadlines(cal, standard, '2026-02-13');
    const again = requestDeadlines(cal, standard, '2026-02-25', '2026-02-13');
    expect(again.acceptDue).toBe(addWorkdays(cal, '2026-02-25', 1));
    expect(again.replyDue).toBe(addWorkdays(cal, '2026-02-25', 3));
    expect(again.closeDue).toBe(first.closeDue);
    // 02-14 (调休 Saturday), 02-24 … 02-27, 02-28 (调休 Saturday), 03-02 … 03-05: the tenth working day.
    expect(first.closeDue).toBe('2026-03-05');
  });
  it('closed on time by the close deadline; median and days to close', () => {
    const d = { acceptDue: '2026-11-23', replyDue: '2026-11-25', closeDue: '2026-12-04' };
    expect(closedOnTime(d, '2026-12-04')).toBe(true);
    expect(closedOnTime(d, '2026-12-05')).toBe(false);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(daysToClose(new Date('2026-11-20T01:00:00Z'), new Date('2026-11-23T13:00:00Z'))).toBe(3.5);
  });
});
