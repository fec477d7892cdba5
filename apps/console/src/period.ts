// Report periods as the API names them (architecture.md §5, §7) and as Vietnamese documents say them.

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD. */
export function todayLocal(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

export function currentQuarter(today: string = todayLocal()): string {
  const [y, m] = today.split('-').map(Number);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The quarters from the first plan year up to the current one, newest first. */
export function quarterOptions(firstYear: number, today: string = todayLocal()): string[] {
  const [y, q] = currentQuarter(today).split('-Q').map(Number);
  const out: string[] = [];
  for (let year = y; year >= firstYear; year--)
    for (let n = year === y ? q : 4; n >= 1; n--) out.push(`${year}-Q${n}`);
  return out;
}

/** The report periods of a year: four quarters, 6 months, 9 months, the year. */
export function reportPeriodOptions(year: number): string[] {
  return [`${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`, `${year}-H1`, `${year}-9M`, `${year}`];
}

/** The calendar months of a period up to its end: 2021-Q2 → 2021-01 … 2021-06 (the year so far). */
export function monthsOfYearTo(period: string): string[] {
  const year = Number(period.slice(0, 4));
  let last = 12;
  const q = /-Q([1-4])$/.exec(period);
  if (q) last = Number(q[1]) * 3;
  else if (period.endsWith('-H1')) last = 6;
  else if (period.endsWith('-9M')) last = 9;
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

export function periodLabel(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `Quý ${ROMAN[Number(q[2]) - 1]}/${q[1]}`;
  const h = /^(\d{4})-H([12])$/.exec(period);
  if (h) return `${h[2] === '1' ? '6 tháng đầu năm' : '6 tháng cuối năm'} ${h[1]}`;
  const nine = /^(\d{4})-9M$/.exec(period);
  if (nine) return `9 tháng năm ${nine[1]}`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `Tháng ${Number(m[2])}/${m[1]}`;
  if (/^\d{4}$/.test(period)) return `Năm ${period}`;
  return period;
}

export type KpiWindow = 'calendar' | 'decree09';

export const WINDOW_LABELS: Record<KpiWindow, string> = {
  calendar: 'Theo quý dương lịch',
  decree09: 'Theo Nghị định 09 (chốt số liệu)',
};
