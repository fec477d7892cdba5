import { describe, expect, it } from '@jest/globals';
import { CalendarError, CalendarErrorCode } from './calendar.errors';
import { defaultCalendar } from './default-calendar';
import type { CalendarEntry } from './calendar-entries';
import { WorkingCalendar } from './working-calendar';

function errorOf(action: () => unknown): CalendarError {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError');
}

const calendar = defaultCalendar();

describe(WorkingCalendar.name, () => {
  describe('isWorkingDay', () => {
    it('works Monday to Friday and rests at weekends', () => {
      expect(calendar.isWorkingDay('2021-03-08')).toBe(true); // Monday
      expect(calendar.isWorkingDay('2021-03-12')).toBe(true); // Friday
      expect(calendar.isWorkingDay('2021-03-13')).toBe(false); // Saturday
      expect(calendar.isWorkingDay('2021-03-14')).toBe(false); // Sunday
    });

    it('rests on Tết Tân Sửu, 10–16 February 2021 (Thông báo 4875/TB-LĐTBXH)', () => {
      for (const day of ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16']) {
        expect(calendar.isWorkingDay(day)).toBe(false);
      }
      expect(calendar.isWorkingDay('2021-02-09')).toBe(true);
      expect(calendar.isWorkingDay('2021-02-17')).toBe(true);
    });

    it('rests on 2 and 3 September 2021, National Day and its adjacent day', () => {
      expect(calendar.isWorkingDay('2021-09-02')).toBe(false);
      expect(calendar.isWorkingDay('2021-09-03')).toBe(false);
      expect(calendar.isWorkingDay('2021-09-01')).toBe(true);
    });

    it('gives the Monday off when 1 May falls on a Saturday (Labour Code Art. 111.3)', () => {
      expect(calendar.isWorkingDay('2021-05-03')).toBe(false);
    });

    it('works a make-up Saturday and rests on the swapped weekday', () => {
      expect(calendar.isWorkingDay('2024-05-04')).toBe(true);
      expect(calendar.isWorkingDay('2024-04-29')).toBe(false);
    });

    it('refuses a date that does not exist', () => {
      const error = errorOf(() => calendar.isWorkingDay('2021-02-30'));
      expect(error.code).toBe(CalendarErrorCode.InvalidDate);
      expect(error.message).toContain('"2021-02-30"');
    });

    it('refuses a date outside the years it has holiday data for, rather than guess', () => {
      const error = errorOf(() => calendar.isWorkingDay('2018-12-31'));
      expect(error.code).toBe(CalendarErrorCode.OutOfRange);
      expect(error.message).toContain('2019–2030');
      expect(errorOf(() => calendar.isWorkingDay('2031-01-02')).code).toBe(CalendarErrorCode.OutOfRange);
    });
  });

  describe('addWorkingDays', () => {
    it('does not count the day of receipt (Civil Code Art. 147)', () => {
      expect(calendar.addWorkingDays('2021-01-04', 1)).toBe('2021-01-05');
    });

    it('skips the weekend', () => {
      expect(calendar.addWorkingDays('2021-01-08', 1)).toBe('2021-01-11');
      expect(calendar.addWorkingDays('2021-01-04', 5)).toBe('2021-01-11');
    });

    it('starts counting after a dossier received on a day off', () => {
      expect(calendar.addWorkingDays('2021-01-09', 1)).toBe('2021-01-11'); // received Saturday
      expect(calendar.addWorkingDays('2021-02-12', 1)).toBe('2021-02-17'); // received on mùng 1 Tết
    });

    it('skips Tết 2021', () => {
      expect(calendar.addWorkingDays('2021-02-09', 1)).toBe('2021-02-17');
      // Friday 5/2: Mon 8, Tue 9, then Tết until Tue 16; Wed 17, Thu 18, Fri 19.
      expect(calendar.addWorkingDays('2021-02-05', 5)).toBe('2021-02-19');
    });

    it('skips New Year 2021 across the year boundary', () => {
      // Thu 31/12/2020, then Fri 1/1 (holiday) and the weekend.
      expect(calendar.addWorkingDays('2020-12-31', 1)).toBe('2021-01-04');
    });

    it('counts a make-up Saturday as a working day', () => {
      // Fri 26/4/2024, then Mon 29/4 swapped off, 30/4 and 1/5 holidays: Thu 2, Fri 3, Sat 4 (make-up).
      expect(calendar.addWorkingDays('2024-04-26', 3)).toBe('2024-05-04');
      expect(calendar.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    });

    it('counts backwards for a negative count', () => {
      expect(calendar.addWorkingDays('2021-02-17', -1)).toBe('2021-02-09');
      expect(calendar.addWorkingDays('2021-01-11', -5)).toBe('2021-01-04');
    });

    it('returns the date itself for zero', () => {
      expect(calendar.addWorkingDays('2021-02-13', 0)).toBe('2021-02-13');
    });

    it('agrees with counting day by day', () => {
      for (const start of [
        '2020-01-06',
        '2021-02-05',
        '2021-02-13',
        '2023-04-27',
        '2024-04-25',
        '2026-08-20',
      ]) {
        for (const n of [1, 2, 3, 7, 15, 30, 60]) {
          let day = start;
          for (let left = n; left > 0;) {
            day = nextDay(day);
            if (calendar.isWorkingDay(day)) left -= 1;
          }
          expect([start, n, calendar.addWorkingDays(start, n)]).toEqual([start, n, day]);
          expect(calendar.addWorkingDays(day, -n)).toBe(
            calendar.isWorkingDay(start) ? start : previousWorking(start),
          );
        }
      }
    });

    it('refuses to run past the holiday data', () => {
      const error = errorOf(() => calendar.addWorkingDays('2030-12-27', 5));
      expect(error.code).toBe(CalendarErrorCode.OutOfRange);
      expect(error.message).toContain('2030-12-31');
      expect(errorOf(() => calendar.addWorkingDays('2019-01-03', -3)).code).toBe(
        CalendarErrorCode.OutOfRange,
      );
    });

    it('refuses a fractional count', () => {
      expect(errorOf(() => calendar.addWorkingDays('2021-01-04', 1.5)).code).toBe(
        CalendarErrorCode.InvalidCount,
      );
    });
  });

  describe('workingDaysBetween', () => {
    it('counts the working days after the first date up to and including the second', () => {
      expect(calendar.workingDaysBetween('2021-01-04', '2021-01-05')).toBe(1);
      expect(calendar.workingDaysBetween('2021-01-04', '2021-01-11')).toBe(5);
      expect(calendar.workingDaysBetween('2021-02-09', '2021-02-17')).toBe(1);
    });

    it('is zero for the same day and negative backwards', () => {
      expect(calendar.workingDaysBetween('2021-02-09', '2021-02-09')).toBe(0);
      expect(calendar.workingDaysBetween('2021-02-17', '2021-02-09')).toBe(-1);
    });

    it('inverts addWorkingDays', () => {
      for (const n of [1, 5, 20, 100]) {
        expect(calendar.workingDaysBetween('2023-01-19', calendar.addWorkingDays('2023-01-19', n))).toBe(n);
      }
    });
  });

  describe('nextWorkingDay and workingDayOnOrAfter', () => {
    it('gives the first working day strictly after a date', () => {
      expect(calendar.nextWorkingDay('2021-01-04')).toBe('2021-01-05');
      expect(calendar.nextWorkingDay('2021-02-09')).toBe('2021-02-17');
    });

    it('moves a deadline that ends on a day off to the next working day (Civil Code Art. 148)', () => {
      expect(calendar.workingDayOnOrAfter('2021-02-13')).toBe('2021-02-17');
      expect(calendar.workingDayOnOrAfter('2021-02-17')).toBe('2021-02-17');
    });
  });

  describe('holidaysIn', () => {
    it('lists the year’s entries in date order, including make-up working days', () => {
      const entries = calendar.holidaysIn(2024);
      expect(entries.every((e) => e.date.startsWith('2024-'))).toBe(true);
      expect(entries.map((e) => e.date)).toEqual(entries.map((e) => e.date).sort());
      expect(entries.find((e) => e.date === '2024-05-04')?.kind).toBe('makeup_workday');
    });

    it('refuses a year without data', () => {
      expect(errorOf(() => calendar.holidaysIn(2031)).code).toBe(CalendarErrorCode.OutOfRange);
    });
  });

  describe('fromEntries and toEntries', () => {
    const entries: CalendarEntry[] = [
      { date: '2030-09-02', kind: 'holiday', name: 'Quốc khánh' },
      { date: '2030-01-01', kind: 'holiday', name: 'Tết Dương lịch', provisional: true },
    ];

    it('round-trips the entries, sorted by date', () => {
      const built = WorkingCalendar.fromEntries(entries);
      expect(built.toEntries()).toEqual([entries[1], entries[0]]);
      expect(WorkingCalendar.fromEntries(built.toEntries()).toEntries()).toEqual(built.toEntries());
    });

    it('is not changed by editing the input or the returned entries', () => {
      const input = entries.map((e) => ({ ...e }));
      const built = WorkingCalendar.fromEntries(input);
      input[0].date = '2030-09-03';
      built.toEntries()[0].kind = 'makeup_workday';
      expect(built.isWorkingDay('2030-09-02')).toBe(false);
      expect(built.isWorkingDay('2030-01-01')).toBe(false);
      expect(built.isWorkingDay('2030-09-03')).toBe(true);
    });

    it('lets an admin replace the data, e.g. drop a day off', () => {
      const edited = defaultCalendar()
        .toEntries()
        .filter((e) => e.date !== '2021-09-03');
      const replaced = WorkingCalendar.fromEntries(edited);
      expect(replaced.isWorkingDay('2021-09-03')).toBe(true);
      expect(calendar.isWorkingDay('2021-09-03')).toBe(false);
    });

    it('covers the years of its entries unless told otherwise', () => {
      const built = WorkingCalendar.fromEntries(entries);
      expect([built.firstYear, built.lastYear]).toEqual([2030, 2030]);
      const wider = WorkingCalendar.fromEntries(entries, { firstYear: 2029, lastYear: 2031 });
      expect(wider.covers('2031-06-30')).toBe(true);
      expect(wider.covers('2032-01-01')).toBe(false);
      expect(wider.addWorkingDays('2029-12-28', 1)).toBe('2029-12-31');
    });

    it('builds a weekends-only calendar from no entries when the years are given', () => {
      const plain = WorkingCalendar.fromEntries([], { firstYear: 2030, lastYear: 2030 });
      expect(plain.isWorkingDay('2030-01-01')).toBe(true);
      expect(errorOf(() => WorkingCalendar.fromEntries([])).code).toBe(CalendarErrorCode.InvalidEntry);
    });

    it.each<[string, unknown, string]>([
      ['a date that does not exist', { date: '2030-02-30', kind: 'holiday', name: 'x' }, '2030-02-30'],
      ['an unknown kind', { date: '2030-01-01', kind: 'day_off', name: 'x' }, 'day_off'],
      ['an empty name', { date: '2030-01-01', kind: 'holiday', name: ' ' }, 'name'],
      ['a compensatory Saturday', { date: '2030-01-05', kind: 'compensatory', name: 'x' }, 'weekday'],
      ['a swapped day off on a Sunday', { date: '2030-01-06', kind: 'swap_off', name: 'x' }, 'weekday'],
      [
        'a make-up day on a weekday',
        { date: '2030-01-07', kind: 'makeup_workday', name: 'x' },
        'Saturday or Sunday',
      ],
      [
        'a non-boolean provisional flag',
        { date: '2030-01-01', kind: 'holiday', name: 'x', provisional: 'yes' },
        'provisional',
      ],
      ['a non-object', 'holiday', 'object'],
    ])('refuses %s, naming the entry', (_case, bad, hint) => {
      const error = errorOf(() =>
        WorkingCalendar.fromEntries([
          { date: '2030-09-02', kind: 'holiday', name: 'Quốc khánh' },
          bad as CalendarEntry,
        ]),
      );
      expect(error.code).toBe(CalendarErrorCode.InvalidEntry);
      expect(error.message).toContain('entries[1]');
      expect(error.message).toContain(hint);
    });

    it('refuses two entries on the same date', () => {
      const error = errorOf(() =>
        WorkingCalendar.fromEntries([entries[0], { ...entries[0], name: 'other' }]),
      );
      expect(error.code).toBe(CalendarErrorCode.InvalidEntry);
      expect(error.message).toContain('entries[0]');
    });

    it('refuses entries outside the given years and inverted years', () => {
      expect(
        errorOf(() => WorkingCalendar.fromEntries(entries, { lastYear: 2029, firstYear: 2029 })).message,
      ).toContain('2030-01-01');
      expect(errorOf(() => WorkingCalendar.fromEntries([], { firstYear: 2031, lastYear: 2030 })).code).toBe(
        CalendarErrorCode.InvalidEntry,
      );
    });
  });
});

describe(defaultCalendar.name, () => {
  it('returns one shared calendar over the shipped data', () => {
    expect(defaultCalendar()).toBe(defaultCalendar());
    expect(defaultCalendar().holidaysIn(2021).length).toBeGreaterThan(0);
  });
});

// Test-only day stepping through UTC Date arithmetic, independent of the library's day numbers.
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function previousWorking(day: string): string {
  let current = day;
  do {
    const date = new Date(`${current}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - 1);
    current = date.toISOString().slice(0, 10);
  } while (!calendar.isWorkingDay(current));
  return current;
}
