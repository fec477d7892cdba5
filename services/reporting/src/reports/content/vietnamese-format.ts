// How numbers, percentages and dates read in a Vietnamese administrative document.

/** Vietnamese grouping: 1234567 → "1.234.567"; decimals with a comma: 97.5 → "97,5". */
export function formatNumber(value: number, maxFractionDigits = 0): string {
  const factor = 10 ** maxFractionDigits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [int, frac] = rounded.toFixed(maxFractionDigits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const trimmed = frac?.replace(/0+$/, '') ?? '';
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${grouped}${trimmed ? `,${trimmed}` : ''}`;
}

/** A ratio in [0, 1] as a Vietnamese percentage with one decimal: 0.962 → "96,2%", 1 → "100%". */
export function formatPercent(ratio: number): string {
  const pct = ratio * 100;
  // Rounding must not turn a shortfall into "100%" or a non-zero share into "0%".
  if (ratio < 1 && pct >= 99.95) return '99,9%';
  if (ratio > 0 && pct < 0.05) return '0,1%';
  return `${formatNumber(pct, 1)}%`;
}

// Decree 30/2020 Appendix I: days below 10 and months below 3 are written with a leading zero.
function parts(iso: string): { day: string; month: string; year: string } {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return {
    day: String(d).padStart(2, '0'),
    month: m < 3 ? String(m).padStart(2, '0') : String(m),
    year: String(y),
  };
}

/** ISO date → "14/3/2021", "05/01/2021" (Decree 30 leading zeros). */
export function formatDate(iso: string): string {
  const { day, month, year } = parts(iso);
  return `${day}/${month}/${year}`;
}

/** ISO date → "ngày 02 tháng 4 năm 2021". */
export function formatLongDate(iso: string): string {
  const { day, month, year } = parts(iso);
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** The calendar day of a timestamp in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function vietnamDay(isoTimestamp: string): string {
  return new Date(Date.parse(isoTimestamp) + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A numeric objective value with its unit: 100 "%" → "100%", 10 "người" → "10 người". */
export function formatQuantity(value: number, unit: string): string {
  return unit === '%' ? `${formatNumber(value, 1)}%` : `${formatNumber(value, 1)} ${unit}`.trim();
}

/** A score of the service index: 18.4 → "18,4". */
export function formatScore(value: number): string {
  return formatNumber(value, 2);
}

// Acronyms the plan writes in capitals inside otherwise upper-case titles.
const ACRONYMS = new Set([
  'CBCC',
  'CBCCVC',
  'VC',
  'TTHC',
  'CCHC',
  'QPPL',
  'CNTT',
  'UBND',
  'ISO',
  'BCCI',
  'PAKN',
  'GDĐT',
]);

/** "XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CBCC" → "Xây dựng và nâng cao chất lượng đội ngũ CBCC". */
export function sentenceCase(title: string): string {
  const words = title.trim().split(/\s+/u);
  return words
    .map((w, i) => {
      const bare = w.replace(/[^\p{L}]/gu, '');
      if (ACRONYMS.has(bare)) return w;
      const lower = w.toLocaleLowerCase('vi');
      return i === 0 ? lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1) : lower;
    })
    .join(' ');
}
