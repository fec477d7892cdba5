import { describe, expect, it } from '@jest/globals';
import { parseTimeframe } from './timeframe';

describe(parseTimeframe.name, () => {
  it('reads "Quý I" as the first quarter of the plan year', () => {
    expect(parseTimeframe('Quý I', 2021)).toEqual({
      text: 'Quý I',
      kind: 'quarter',
      start: '2021-01-01',
      end: '2021-03-31',
    });
  });

  it.each([
    ['Quý II', '2021-04-01', '2021-06-30'],
    ['Quý III/2022', '2022-07-01', '2022-09-30'],
    ['quý 4', '2021-10-01', '2021-12-31'],
  ])('reads %s as a quarter', (text, start, end) => {
    expect(parseTimeframe(text, 2021)).toEqual({ text, kind: 'quarter', start, end });
  });

  it.each([
    ['Tháng 01- Tháng 12', '2021-01-01', '2021-12-31'],
    ['Tháng 1- tháng 12', '2021-01-01', '2021-12-31'],
    ['Tháng 01- tháng 12', '2021-01-01', '2021-12-31'],
    ['Tháng 10- Tháng 12', '2021-10-01', '2021-12-31'],
    ['Tháng 10- tháng 11', '2021-10-01', '2021-11-30'],
    ['Tháng 1 đến tháng 6', '2021-01-01', '2021-06-30'],
    ['Tháng 11/2020 – tháng 2/2021', '2020-11-01', '2021-02-28'],
  ])(
    'reads the month range %s from the first day of one month to the last of the other',
    (text, start, end) => {
      expect(parseTimeframe(text, 2021)).toEqual({ text, kind: 'months', start, end });
    },
  );

  it('applies a year written once to both ends of a month range', () => {
    expect(parseTimeframe('Tháng 01- 02/2021', 2021)).toEqual({
      text: 'Tháng 01- 02/2021',
      kind: 'months',
      start: '2021-01-01',
      end: '2021-02-28',
    });
  });

  it('reads a single month with its own year as that month, even outside the plan year', () => {
    expect(parseTimeframe('Tháng 12/2020', 2021)).toEqual({
      text: 'Tháng 12/2020',
      kind: 'months',
      start: '2020-12-01',
      end: '2020-12-31',
    });
  });

  it('ends February on the 29th in a leap year', () => {
    expect(parseTimeframe('Tháng 2', 2024).end).toBe('2024-02-29');
  });

  it('reads a named day as a date, and "Trước ngày" as a deadline without a start', () => {
    expect(parseTimeframe('15/3/2021', 2021)).toEqual({
      text: '15/3/2021',
      kind: 'date',
      start: '2021-03-15',
      end: '2021-03-15',
    });
    expect(parseTimeframe('Trước ngày 15/03/2021', 2021)).toMatchObject({
      kind: 'date',
      start: null,
      end: '2021-03-15',
    });
  });

  it('reads "Thường xuyên" as recurring over the whole plan year', () => {
    expect(parseTimeframe('Thường xuyên', 2021)).toEqual({
      text: 'Thường xuyên',
      kind: 'recurring',
      start: '2021-01-01',
      end: '2021-12-31',
    });
  });

  it.each([
    'Quyết định sửa đổi bổ sung, thay thế của Bộ GDĐT',
    'Quyết định công bố TTHC của UBND tỉnh',
    'Cùng thời gian sơ kết học kỳ I và tổng kết năm học 2020-2021',
    'Theo Kế hoạch của UBND tỉnh',
  ])('reads the event-driven text "%s" as an event without dates', (text) => {
    expect(parseTimeframe(text, 2021)).toEqual({ text, kind: 'event', start: null, end: null });
  });

  it('keeps the text verbatim while matching it loosely', () => {
    const text = '  THÁNG 01 -   tháng 12 ';
    expect(parseTimeframe(text, 2021)).toEqual({
      text,
      kind: 'months',
      start: '2021-01-01',
      end: '2021-12-31',
    });
  });

  it('matches text typed with decomposed diacritics', () => {
    expect(parseTimeframe('Quý I'.normalize('NFD'), 2021).kind).toBe('quarter');
  });

  it.each(['Tháng 13', 'Tháng 0- tháng 12', 'Tháng 12- tháng 1', '31/02/2021', 'Tháng 12/0021'])(
    'rejects the date-like text "%s" that names no real period',
    (text) => {
      expect(() => parseTimeframe(text, 2021)).toThrow(RangeError);
    },
  );

  it('rejects a plan year that is not a calendar year', () => {
    expect(() => parseTimeframe('Quý I', 21.5)).toThrow(RangeError);
  });
});
