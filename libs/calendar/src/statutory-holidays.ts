// Holidays of a year derived from the law alone, with the lunar holidays computed
// (lunar-calendar.ts), for the years whose yearly notices the shipped data does not transcribe:
// 2019 (past; checked against the arrangement as announced) and 2028–2030 (provisional until the
// Prime Minister's yearly decisions on Tết and on the day adjacent to 2/9).
import { addCalendarDays, isoWeekday, toDayNumber } from './iso-date';
import { hungKingsDate, lunarDateOf, tetDate } from './lunar-calendar';
import type { CalendarEntry } from './calendar-entries';

export interface StatutoryYearOptions {
  /** Labour Code in force: 10/2012/QH13 Art. 115 (2/9 one day) or 45/2019/QH14 Art. 112. */
  labourCode: '2012' | '2019';
  /** Where the Tết days come from (the yearly notice, or the provisional rule). */
  tetSource: string;
  provisional: boolean;
}

const LAW = {
  '2012': 'Bộ luật Lao động 10/2012/QH13, Điều 115',
  '2019': 'Bộ luật Lao động 45/2019/QH14, Điều 112',
} as const;
const COMPENSATION = {
  '2012': 'Bộ luật Lao động 10/2012/QH13, Điều 115.3 (nghỉ bù)',
  '2019': 'Bộ luật Lao động 45/2019/QH14, Điều 111.3 (nghỉ bù)',
} as const;
const LUNAR_NOTE = 'ngày âm lịch tính theo lịch Việt Nam (UTC+7)';
const WEEKDAY_NAMES = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

function weekday(date: string): number {
  return isoWeekday(toDayNumber(date));
}

function lunarLabel(date: string): string {
  const l = lunarDateOf(date);
  return `${String(l.day).padStart(2, '0')}/${String(l.month).padStart(2, '0')} âm lịch`;
}

function ddmm(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * The holidays of `year` by the Labour Code: 1/1; Tết, 5 days: the last day of the lunar year and
 * mùng 1–4 (the arrangement of 2019, 2022 and 2026); Giỗ Tổ 10/3 âm lịch; 30/4; 1/5; 2/9 and, from
 * the 2019 Code, one adjacent day (before 2/9 when it falls on Tuesday, Wednesday, Friday or
 * Saturday, after it otherwise, as 2021–2025 were arranged); then a compensatory day on the next
 * working day for each holiday on a weekend (Art. 111.3 / 115.3).
 */
export function statutoryYear(year: number, options: StatutoryYearOptions): CalendarEntry[] {
  const law = LAW[options.labourCode];
  const provisional = options.provisional ? { provisional: true } : {};
  const tet = tetDate(year);
  const holidays: CalendarEntry[] = [
    { date: `${year}-01-01`, kind: 'holiday', name: 'Tết Dương lịch', source: law },
    ...[-1, 0, 1, 2, 3].map((offset): CalendarEntry => ({
      date: addCalendarDays(tet, offset),
      kind: 'holiday',
      name: 'Tết Nguyên đán',
      lunar: lunarLabel(addCalendarDays(tet, offset)),
      source: options.tetSource,
      note: LUNAR_NOTE,
      ...provisional,
    })),
    {
      date: hungKingsDate(year),
      kind: 'holiday',
      name: 'Giỗ Tổ Hùng Vương',
      lunar: '10/03 âm lịch',
      source: law,
      note: LUNAR_NOTE,
    },
    { date: `${year}-04-30`, kind: 'holiday', name: 'Ngày Chiến thắng', source: law },
    { date: `${year}-05-01`, kind: 'holiday', name: 'Ngày Quốc tế lao động', source: law },
    { date: `${year}-09-02`, kind: 'holiday', name: 'Quốc khánh', source: law },
  ];
  if (options.labourCode === '2019') {
    const before = [2, 3, 5, 6].includes(weekday(`${year}-09-02`));
    holidays.push({
      date: `${year}-09-0${before ? 1 : 3}`,
      kind: 'holiday',
      name: 'Quốc khánh',
      source: `${law} (ngày liền kề do Thủ tướng quyết định hằng năm)`,
      note: 'ngày liền kề',
      ...provisional,
    });
  }
  holidays.sort((a, b) => (a.date < b.date ? -1 : 1));

  const off = new Set(holidays.map((h) => h.date));
  const compensatory: CalendarEntry[] = [];
  for (const h of holidays) {
    if (weekday(h.date) < 6) continue;
    let day = addCalendarDays(h.date, 1);
    while (weekday(day) >= 6 || off.has(day)) day = addCalendarDays(day, 1);
    off.add(day);
    compensatory.push({
      date: day,
      kind: 'compensatory',
      name: h.name,
      source: h.name === 'Tết Nguyên đán' ? options.tetSource : COMPENSATION[options.labourCode],
      note: `nghỉ bù ${WEEKDAY_NAMES[weekday(h.date)]} ${ddmm(h.date)}`,
      ...(h.provisional ? provisional : {}),
    });
  }
  return [...holidays, ...compensatory].sort((a, b) => (a.date < b.date ? -1 : 1));
}
