import { textArrayParam } from '@cchc/database';

// How a batch's column values travel in `INSERT … SELECT … FROM unnest($1::<wire>[], …)`: the one
// rule for the event, dossier and feedback writes.

/** The element type a column of SQL type `type` is sent as: arrays, ranges and jsonb as text. */
export function wireType(type: string): string {
  return type.endsWith('[]') || type === 'datemultirange' || type === 'jsonb' ? 'text' : type;
}

/**
 * A column's values as its `$n::<wire>[]` parameter: text in PostgreSQL's binary format (ADR 0017:
 * nothing to escape), other types as the driver's array literal (short values without quotes).
 */
export function unnestParam(type: string, values: ReadonlyArray<string | number | boolean | null>): unknown {
  if (wireType(type) !== 'text') return values;
  return textArrayParam(values.map((v) => (v === null ? null : String(v))));
}
