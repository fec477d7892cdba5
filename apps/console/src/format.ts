// Vietnamese number and date formats: 96,2%; 1.234; 31/3/2021.

const percent = new Intl.NumberFormat('vi-VN', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** A ratio in [0, 1] as "96,2%"; a missing ratio (denominator 0) as a dash. */
export function formatRate(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : percent.format(ratio);
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : integer.format(n);
}

/** "2021-03-31" (or an ISO timestamp) as "31/3/2021", the way Vietnamese documents write dates. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])}/${Number(m[2])}/${m[1]}`;
}

/** An ISO timestamp as "8:30 5/1/2021" in Vietnam's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${Number(get('hour'))}:${get('minute')} ${formatDate(`${get('year')}-${get('month')}-${get('day')}`)}`;
}
