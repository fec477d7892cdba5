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
  /**
   * A baseline measured before and after the steps it divides (`value` is their mean): the host's
   * speed drifts over a run, so each ratio is also given against both ends.
   */
  bracket?: { before: number; after: number };
}

export class BenchResults {
  readonly rows: ResultRow[] = [];

  add(row: ResultRow): ResultRow {
    this.rows.push(row);
    return row;
  }

  /** The value of the row named `what`, if it was measured. */
  value(what: string): number | null {
    return this.find(what)?.value ?? null;
  }

  /**
   * Adds a row measured against the baseline row named `baseline`. The ratio is taken when the
   * table is read ({@link resolved}), so a baseline measured again later counts with both values.
   */
  addRatio(row: Omit<ResultRow, 'ratio'> & { baseline: string }): ResultRow {
    return this.add(row);
  }

  /**
   * The row named `what` was measured again after the steps it is the baseline of: its value
   * becomes the mean of both, and both are kept.
   */
  bracket(what: string, after: number): void {
    const row = this.find(what);
    if (row?.value === null || row?.value === undefined)
      throw new Error(`bench: no measured row "${what}" to measure again`);
    const before = row.value;
    row.bracket = { before, after };
    row.value = (before + after) / 2;
    row.note = appendNote(
      row.note,
      `before the ingest steps ${formatNumber(before)}, after them ${formatNumber(after)}: the value is their mean`,
    );
  }

  /** Adds `text` to the note of the row named `what` (if it is in the table). */
  appendNote(what: string, text: string): void {
    const row = this.find(what);
    if (row) row.note = appendNote(row.note, text);
  }

  /** The rows with their ratios, as printed. */
  resolved(): ResultRow[] {
    return this.rows.map((r) => {
      if (r.baseline === undefined) return { ...r };
      const base = this.find(r.baseline);
      const ratio = ratioOf(r.value, base?.value ?? null);
      if (!base?.bracket) return { ...r, ratio };
      const ends = `${formatRatio(ratioOf(r.value, base.bracket.before))} against the baseline before the steps, ${formatRatio(ratioOf(r.value, base.bracket.after))} after`;
      return { ...r, ratio, note: appendNote(r.note, ends) };
    });
  }

  private find(what: string): ResultRow | undefined {
    return this.rows.find((r) => r.what === what);
  }

  /** Markdown: one table, each group's rows under one heading, groups in the order they began. */
  toMarkdown(): string {
    const header = ['measurement', 'value', 'unit', 'ratio', 'baseline', 'target', 'note'];
    const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
    const rows = this.resolved();
    const groups = [...new Set(rows.map((r) => r.group))];
    let group = '';
    for (const r of groups.flatMap((g) => rows.filter((row) => row.group === g))) {
      if (r.group !== group) {
        group = r.group;
        lines.push(`| **${group}** | | | | | | |`);
      }
      lines.push(
        `| ${[
          r.what,
          formatNumber(r.value),
          r.unit,
          r.ratio === undefined ? '' : formatRatio(r.ratio),
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

function ratioOf(value: number | null, base: number | null): number | null {
  return value !== null && base !== null && base > 0 ? value / base : null;
}

function formatRatio(ratio: number | null): string {
  return ratio === null ? 'n/a' : `${ratio.toFixed(2)}×`;
}

function appendNote(note: string | undefined, text: string): string {
  return note ? `${note}; ${text}` : text;
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
