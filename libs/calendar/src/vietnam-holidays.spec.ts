// Checks the shipped holiday data against facts known from outside this code: the breaks the yearly
// notices announced (as reported by the national press), the lunar dates of Giỗ Tổ, and what the
// Labour Code implies for every year (11 holiday days from 2021, 10 in 2020; each one on a weekend
// compensated on a weekday; each swap paired with a make-up day).
import { describe, expect, it } from '@jest/globals';
import { defaultCalendar } from './default-calendar';
import { VIETNAM_HOLIDAYS } from './vietnam-holidays';
import { WorkingCalendar } from './working-calendar';

const calendar = defaultCalendar();

function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = nextDay(day)) days.push(day);
  return days;
}

// Independent of the library: UTC Date arithmetic is exact for whole days.
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

describe(`${WorkingCalendar.name} over VIETNAM_HOLIDAYS`, () => {
  // [first day off, last day off, last working day before, first working day after]
  it.each([
    ['Tết 2020', '2020-01-23', '2020-01-29', '2020-01-22', '2020-01-30'],
    ['Tết 2021', '2021-02-10', '2021-02-16', '2021-02-09', '2021-02-17'],
    ['Tết 2022', '2022-01-29', '2022-02-06', '2022-01-28', '2022-02-07'],
    ['Tết 2023', '2023-01-20', '2023-01-26', '2023-01-19', '2023-01-27'],
    ['Tết 2024', '2024-02-08', '2024-02-14', '2024-02-07', '2024-02-15'],
    ['Tết 2025', '2025-01-25', '2025-02-02', '2025-01-24', '2025-02-03'],
    ['Tết 2026', '2026-02-14', '2026-02-22', '2026-02-13', '2026-02-23'],
    ['Tết Dương lịch 2022', '2022-01-01', '2022-01-03', '2021-12-31', '2022-01-04'],
    ['Tết Dương lịch 2023', '2022-12-31', '2023-01-02', '2022-12-30', '2023-01-03'],
    ['Tết Dương lịch 2026 (swapped Friday)', '2026-01-01', '2026-01-04', '2025-12-31', '2026-01-05'],
    ['30/4–1/5 2020', '2020-04-30', '2020-05-03', '2020-04-29', '2020-05-04'],
    ['30/4–1/5 2021', '2021-04-30', '2021-05-03', '2021-04-29', '2021-05-04'],
    ['30/4–1/5 2022', '2022-04-30', '2022-05-03', '2022-04-29', '2022-05-04'],
    ['Giỗ Tổ + 30/4–1/5 2023', '2023-04-29', '2023-05-03', '2023-04-28', '2023-05-04'],
    ['30/4–1/5 2024 (swapped Monday)', '2024-04-27', '2024-05-01', '2024-04-26', '2024-05-02'],
    ['30/4–1/5 2025 (swapped Friday)', '2025-04-30', '2025-05-04', '2025-04-29', '2025-05-05'],
    ['Quốc khánh 2020 (one day)', '2020-09-02', '2020-09-02', '2020-09-01', '2020-09-03'],
    ['Quốc khánh 2021', '2021-09-02', '2021-09-05', '2021-09-01', '2021-09-06'],
    ['Quốc khánh 2022', '2022-09-01', '2022-09-04', '2022-08-31', '2022-09-05'],
    ['Quốc khánh 2023', '2023-09-01', '2023-09-04', '2023-08-31', '2023-09-05'],
    ['Quốc khánh 2024', '2024-08-31', '2024-09-03', '2024-08-30', '2024-09-04'],
    ['Quốc khánh 2025', '2025-08-30', '2025-09-02', '2025-08-29', '2025-09-03'],
    ['Quốc khánh 2026 (swapped Monday)', '2026-08-29', '2026-09-02', '2026-08-28', '2026-09-03'],
  ])('closes for %s from %s to %s as announced', (_name, first, last, before, after) => {
    for (const day of daysFrom(first, last)) expect([day, calendar.isWorkingDay(day)]).toEqual([day, false]);
    expect(calendar.isWorkingDay(before)).toBe(true);
    expect(calendar.isWorkingDay(after)).toBe(true);
  });

  it.each([
    ['2024-05-04', 'the 2024 swap (Công văn 2450/VPCP-KGVX)'],
    ['2025-04-26', 'the 2025 swap for Friday 2/5'],
    ['2026-01-10', 'the 2026 New Year swap'],
    ['2026-08-22', 'the 2026 National Day swap'],
  ])('works on make-up Saturday %s (%s)', (day) => {
    expect(weekday(day)).toBe(6);
    expect(calendar.isWorkingDay(day)).toBe(true);
  });

  // 10 March of the lunar calendar, checked against the Vietnamese lunar calendar (UTC+7).
  it.each([
    ['2020-04-02'],
    ['2021-04-21'],
    ['2022-04-10'],
    ['2023-04-29'],
    ['2024-04-18'],
    ['2025-04-07'],
    ['2026-04-26'],
    ['2027-04-16'],
  ])('keeps Giỗ Tổ Hùng Vương on %s', (day) => {
    const entry = VIETNAM_HOLIDAYS.find((e) => e.date === day);
    expect(entry).toMatchObject({ kind: 'holiday', name: 'Giỗ Tổ Hùng Vương', lunar: '10/03 âm lịch' });
  });

  it('compensates Giỗ Tổ on a Sunday with the Monday after (2022, 2026)', () => {
    expect(calendar.isWorkingDay('2022-04-11')).toBe(false);
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
  });

  it('puts mùng 1 Tết on the lunar new year of each year', () => {
    const newYears = VIETNAM_HOLIDAYS.filter((e) => e.lunar === '01/01 âm lịch').map((e) => e.date);
    expect(newYears).toEqual([
      '2019-02-05',
      '2020-01-25',
      '2021-02-12',
      '2022-02-01',
      '2023-01-22',
      '2024-02-10',
      '2025-01-29',
      '2026-02-17',
      '2027-02-06',
      '2028-01-26',
      '2029-02-13',
      '2030-02-02',
    ]);
  });

  const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];
  it.each(YEARS)(
    'has the statutory number of holiday days in %i (10 under the 2012 Code, 11 from 2021)',
    (year) => {
      const holidays = calendar.holidaysIn(year).filter((e) => e.kind === 'holiday');
      expect(holidays).toHaveLength(year <= 2020 ? 10 : 11);
      expect(holidays.filter((e) => e.name === 'Tết Nguyên đán')).toHaveLength(5);
      expect(holidays.filter((e) => e.name === 'Quốc khánh')).toHaveLength(year <= 2020 ? 1 : 2);
    },
  );

  it.each(YEARS)(
    'compensates every weekend holiday of %i and pairs every swap with a make-up day',
    (year) => {
      const entries = calendar.holidaysIn(year);
      const onWeekend = entries.filter((e) => e.kind === 'holiday' && [0, 6].includes(weekday(e.date)));
      expect(entries.filter((e) => e.kind === 'compensatory')).toHaveLength(onWeekend.length);
      expect(entries.filter((e) => e.kind === 'swap_off').length).toBe(
        entries.filter((e) => e.kind === 'makeup_workday').length,
      );
    },
  );

  // Weekdays in the year minus the statutory holidays: each holiday costs exactly one weekday,
  // directly or through its compensatory day, and swaps are neutral.
  it.each([
    [2019, 261 - 10],
    [2020, 262 - 10],
    [2021, 261 - 11],
    [2022, 260 - 11],
    [2023, 260 - 11],
    [2024, 262 - 11],
    [2025, 261 - 11],
    [2026, 261 - 11],
    [2027, 261 - 11],
    [2028, 260 - 11],
    [2029, 261 - 11],
    [2030, 261 - 11],
  ])('has as many working days in %i as the Labour Code implies (%i)', (year, expected) => {
    const first = `${year}-01-01`;
    const count =
      calendar.workingDaysBetween(first, `${year}-12-31`) + (calendar.isWorkingDay(first) ? 1 : 0);
    expect(count).toBe(expected);
  });

  it('marks as provisional only the days not yet announced (2027 Tết and 2/9, 2028–2030)', () => {
    const provisional = VIETNAM_HOLIDAYS.filter((e) => e.provisional === true).map((e) => e.date);
    expect(provisional.every((day) => day >= '2027-')).toBe(true);
    expect(provisional).toContain('2030-02-02');
    expect(provisional).toContain('2027-09-03');
    expect(provisional).toContain('2027-02-08');
  });

  it('names every entry in Vietnamese with diacritics and cites a source', () => {
    const names = new Set(VIETNAM_HOLIDAYS.map((e) => e.name));
    expect([...names].sort()).toEqual(
      [
        'Giỗ Tổ Hùng Vương',
        'Ngày Chiến thắng',
        'Ngày Quốc tế lao động',
        'Quốc khánh',
        'Tết Dương lịch',
        'Tết Nguyên đán',
      ].sort(),
    );
    expect(VIETNAM_HOLIDAYS.every((e) => typeof e.source === 'string' && e.source.length > 0)).toBe(true);
  });

  it('is sorted by date and covers 2019 to 2030', () => {
    const dates = VIETNAM_HOLIDAYS.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(calendar.firstYear).toBe(2019);
    expect(calendar.lastYear).toBe(2030);
  });
});

describe('computed years (2019, 2028–2030)', () => {
  const calendar = WorkingCalendar.fromEntries(VIETNAM_HOLIDAYS);

  it('gives 2019 as it was arranged: Tết 04–08/02, Giỗ Tổ compensated on 15/04, the 29/04 ↔ 04/05 swap', () => {
    for (const day of ['2019-02-04', '2019-02-08', '2019-04-15', '2019-04-29', '2019-05-01', '2019-09-02']) {
      expect([day, calendar.isWorkingDay(day)]).toEqual([day, false]);
    }
    expect(calendar.isWorkingDay('2019-05-04')).toBe(true); // Saturday make-up day
    expect(calendar.isWorkingDay('2019-09-03')).toBe(true); // the 2012 Code: 2/9 is one day
  });

  it('places the provisional 2030 Tết on the last day of the lunar year and mùng 1–4, with Giỗ Tổ on 12/04', () => {
    // Tết Canh Tuất: 30 Tết Friday 01/02/2030, mùng 1–4 Saturday 02/02 to Tuesday 05/02; the
    // Saturday and the Sunday are compensated on Wednesday 06/02 and Thursday 07/02.
    for (const day of ['2030-02-01', '2030-02-04', '2030-02-05', '2030-02-06', '2030-02-07', '2030-04-12']) {
      expect([day, calendar.isWorkingDay(day)]).toEqual([day, false]);
    }
    expect(calendar.isWorkingDay('2030-02-08')).toBe(true);
  });
});
