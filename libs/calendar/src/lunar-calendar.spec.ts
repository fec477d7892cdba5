import { describe, expect, it } from '@jest/globals';
import { hungKingsDate, lunarDateOf, solarDateOfLunar, tetDate } from './lunar-calendar';
import { VIETNAM_HOLIDAYS } from './vietnam-holidays';

// Published dates (the yearly holiday notices and any Vietnamese wall calendar), typed here by hand
// as the test's independent truth.
const TET: Record<number, string> = {
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  // The new moon of 02/02/2030 is at 16:07 UT: 23:07 in Vietnam (Tết 02/02) but 00:07 on 03/02 in
  // China (Chinese New Year 03/02), one of the years the two calendars differ.
  2030: '2030-02-02',
};
const GIO_TO: Record<number, string> = {
  2019: '2019-04-14',
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
  2028: '2028-04-04',
  2029: '2029-04-23',
  2030: '2030-04-12',
};

describe('Vietnamese lunar calendar', () => {
  it('places Tết on the published day, 2019–2030', () => {
    for (const [year, date] of Object.entries(TET))
      expect([year, tetDate(Number(year))]).toEqual([year, date]);
  });

  it('places Giỗ Tổ Hùng Vương (10/3 âm lịch) on the published day, 2019–2030', () => {
    for (const [year, date] of Object.entries(GIO_TO)) {
      expect([year, hungKingsDate(Number(year))]).toEqual([year, date]);
    }
  });

  it('uses the UTC+7 calendar: Tết 2007 was 17/02 in Vietnam (18/02 in China)', () => {
    expect(tetDate(2007)).toBe('2007-02-17');
    expect(tetDate(1985)).toBe('1985-01-21'); // China: 20/02/1985 (a different leap month)
  });

  it('converts back and forth, leap month included (2020 had a leap 4th month)', () => {
    expect(lunarDateOf('2021-02-12')).toEqual({ year: 2021, month: 1, day: 1, leap: false });
    expect(lunarDateOf('2021-02-11')).toEqual({ year: 2020, month: 12, day: 30, leap: false });
    expect(lunarDateOf('2020-05-23')).toEqual({ year: 2020, month: 4, day: 1, leap: true });
    expect(solarDateOfLunar(2020, 5, 1)).toBe('2020-06-21');
  });

  it('agrees with every lunar date written in the shipped holiday data', () => {
    for (const entry of VIETNAM_HOLIDAYS) {
      if (entry.lunar === undefined) continue;
      const l = lunarDateOf(entry.date);
      const written = `${String(l.day).padStart(2, '0')}/${String(l.month).padStart(2, '0')} âm lịch`;
      expect([entry.date, entry.lunar]).toEqual([entry.date, written]);
    }
  });
});
