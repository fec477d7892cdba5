// The entries of a working calendar (the days that differ from the Monday–Friday week) and their
// strict validation: an admin edits them, and one wrong holiday shifts every due date around it.
import { CalendarError, CalendarErrorCode } from './calendar.errors';
import { isIsoDate, isoWeekday, toDayNumber } from './iso-date';

/**
 * What a calendar entry does to its day.
 * - `holiday`: a public holiday of Labour Code 45/2019 Art. 112 (it may fall on a weekend).
 * - `compensatory`: a weekday off because a holiday fell on a weekly rest day (Art. 111.3, "nghỉ bù").
 * - `swap_off`: a weekday off under a published swap ("hoán đổi ngày làm việc").
 * - `makeup_workday`: a weekend day worked to make up for a `swap_off` ("làm bù").
 */
export type CalendarEntryKind = 'holiday' | 'compensatory' | 'swap_off' | 'makeup_workday';

/** Every {@link CalendarEntryKind}, for validating input. */
export const CALENDAR_ENTRY_KINDS: readonly CalendarEntryKind[] = Object.freeze([
  'holiday',
  'compensatory',
  'swap_off',
  'makeup_workday',
]);

/** One day of a working calendar that differs from the Monday–Friday week. */
export interface CalendarEntry {
  /** The day, `YYYY-MM-DD`. */
  date: string;
  kind: CalendarEntryKind;
  /** The occasion, in Vietnamese: `Tết Nguyên đán`, `Giỗ Tổ Hùng Vương`, `Quốc khánh`… */
  name: string;
  /** The lunar date for lunar holidays, e.g. `01/01 âm lịch`. */
  lunar?: string;
  /** The law or notice that sets this day. */
  source?: string;
  /** Not yet officially announced: derived from the law or past practice, to be confirmed. */
  provisional?: boolean;
  /** Free text, e.g. which day a swap or compensatory day pairs with. */
  note?: string;
}

const SATURDAY = 6;

/** Saturday or Sunday (ISO weekday 6 or 7). */
export function isWeekend(dayNumber: number): boolean {
  return isoWeekday(dayNumber) >= SATURDAY;
}

export function invalidEntry(index: number, entry: unknown, reason: string): CalendarError {
  const date = typeof entry === 'object' && entry !== null ? (entry as { date?: unknown }).date : undefined;
  const where = typeof date === 'string' ? `entries[${index}] (${date})` : `entries[${index}]`;
  return new CalendarError(CalendarErrorCode.InvalidEntry, `Invalid calendar entry ${where}: ${reason}`);
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

// Validates one admin-supplied entry and returns a frozen copy holding only the known fields.
export function checkEntry(raw: unknown, index: number): Readonly<CalendarEntry> {
  if (typeof raw !== 'object' || raw === null) throw invalidEntry(index, raw, 'expected an object');
  const entry = raw as Record<string, unknown>;
  if (!isIsoDate(entry.date)) {
    throw invalidEntry(index, raw, `date ${JSON.stringify(entry.date)} is not a real YYYY-MM-DD date`);
  }
  if (!CALENDAR_ENTRY_KINDS.includes(entry.kind as CalendarEntryKind)) {
    throw invalidEntry(
      index,
      raw,
      `kind ${JSON.stringify(entry.kind)} is not one of ${CALENDAR_ENTRY_KINDS.join(', ')}`,
    );
  }
  if (typeof entry.name !== 'string' || entry.name.trim() === '') {
    throw invalidEntry(index, raw, 'name must be a non-empty string');
  }
  for (const field of ['lunar', 'source', 'note'] as const) {
    if (!optionalString(entry[field])) throw invalidEntry(index, raw, `${field} must be a string when given`);
  }
  if (entry.provisional !== undefined && typeof entry.provisional !== 'boolean') {
    throw invalidEntry(index, raw, 'provisional must be a boolean when given');
  }
  const kind = entry.kind as CalendarEntryKind;
  const weekend = isWeekend(toDayNumber(entry.date));
  // A day off that is already a weekend, or a make-up day that is already a weekday, changes
  // nothing: it is almost certainly a typo in the date.
  if ((kind === 'compensatory' || kind === 'swap_off') && weekend) {
    throw invalidEntry(index, raw, `a ${kind} day must be a weekday (Monday–Friday)`);
  }
  if (kind === 'makeup_workday' && !weekend) {
    throw invalidEntry(index, raw, 'a makeup_workday must be a Saturday or Sunday');
  }
  const copy: CalendarEntry = { date: entry.date, kind, name: entry.name };
  if (entry.lunar !== undefined) copy.lunar = entry.lunar as string;
  if (entry.source !== undefined) copy.source = entry.source as string;
  if (entry.provisional !== undefined) copy.provisional = entry.provisional;
  if (entry.note !== undefined) copy.note = entry.note as string;
  return Object.freeze(copy);
}

export function checkYear(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 9999) {
    throw new CalendarError(
      CalendarErrorCode.InvalidEntry,
      `Invalid ${field} ${JSON.stringify(value)}: expected an integer year between 1 and 9999`,
    );
  }
  return value;
}
