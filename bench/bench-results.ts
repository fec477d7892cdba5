// The one table `npm run bench` prints: every measurement, its baseline and ratio, and the target.

export interface ResultRow {
  /** Group heading the row is printed under. */
  group: string;
  what: string;
  value: number | null;
  unit: string;
  /** What the ratio is taken against (another row's `what`), when it has one. */
  baseline?: string;
  ratio?: number | null;
  target?: string;
  note?: string;
}

export class BenchResults {
  readonly rows: ResultRow[] = [];

  add(row: ResultRow): ResultRow {
    this.rows.push(row);
    return row;
  }

  /** The value of the row named `what`, if it was measured. */
  value(what: string): number | null {
    return this.rows.find((r) => r.what === what)?.value ?? null;
  }

  /** Adds a throughput row with its ratio to the baseline row (when the baseline was measured). */
  addRatio(row: Omit<ResultRow, 'ratio'> & { baseline: string }): ResultRow {
    const base = this.value(row.baseline);
    const ratio = base !== null && base > 0 && row.value !== null ? row.value / base : null;
    return this.add({ ...row, ratio });
  }

  /** Markdown: one table, grouped. */
  toMarkdown(): string {
    const header = ['measurement', 'value', 'unit', 'ratio', 'baseline', 'target', 'note'];
    const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
    let group = '';
    for (const r of this.rows) {
      if (r.group !== group) {
        group = r.group;
        lines.push(`| **${group}** | | | | | | |`);
      }
      lines.push(
        `| ${[
          r.what,
          formatNumber(r.value),
          r.unit,
          r.ratio === undefined ? '' : r.ratio === null ? 'n/a' : `${r.ratio.toFixed(2)}×`,
          r.baseline ?? '',
          r.target ?? '',
          r.note ?? '',
        ]
          .map((cell) => cell.replaceAll('|', '\\|'))
          .join(' | ')} |`,
      );
    }
    return lines.join('\n');
  }
}

export function formatNumber(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/** The q-quantile (0..1) of the samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Milliseconds since `start` (process.hrtime.bigint()). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Progress lines on stderr for long steps, at most one every `everyMs`. */
export class Progress {
  private last = 0;
  private readonly started = process.hrtime.bigint();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly everyMs = 3000,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    const seconds = msSince(this.started) / 1000;
    const rate = seconds >= 1 ? `${Math.round(done / seconds).toLocaleString('en')}/s` : '…';
    const pct = this.total > 0 ? ((100 * done) / this.total).toFixed(0) : '?';
    console.error(
      `    ${this.label}: ${done.toLocaleString('en')}/${this.total.toLocaleString('en')} (${pct}%), ${rate}, ${seconds.toFixed(0)} s`,
    );
  }
}
