import { DomainError, DomainErrorKind } from '@cchc/errors';

// Domain errors of @cchc/calendar. Callers map `code` to their transport once (exhaustive switch);
// messages name the bad value so an admin or API client can fix the input.

/** Why a date, timestamp or calendar operation was refused. */
export enum CalendarErrorCode {
  /** Not a real `YYYY-MM-DD` date (wrong shape, or a day such as 2021-02-30). */
  InvalidDate = 'invalid_date',
  /** A day count that is not an integer. */
  InvalidCount = 'invalid_count',
  /** Not an ISO 8601 timestamp with a UTC offset. */
  InvalidTimestamp = 'invalid_timestamp',
  /** A date outside the years the calendar has holiday data for. */
  OutOfRange = 'out_of_range',
  /** A holiday entry that is malformed or contradicts another entry. */
  InvalidEntry = 'invalid_entry',
}

/** Thrown by the date helpers and {@link WorkingCalendar} on invalid input. */
export class CalendarError extends DomainError<CalendarErrorCode> {
  override readonly name = 'CalendarError';
  // Every calendar refusal is about its input (a date outside the holiday data included).
  readonly kind = DomainErrorKind.Invalid;

  constructor(code: CalendarErrorCode, message: string) {
    super(code, message);
  }
}

/** Why a reporting period was refused. */
export enum PeriodErrorCode {
  /** Not one of `YYYY-Qn`, `YYYY-Hn`, `YYYY-9M`, `YYYY`, `YYYY-MM`. */
  InvalidPeriod = 'invalid_period',
  /** Not `calendar` or `decree09`. */
  InvalidWindow = 'invalid_window',
  /** A `from`/`to` pair that is not two real dates with `from ≤ to`. */
  InvalidRange = 'invalid_range',
}

/** Thrown by {@link parsePeriod}, {@link periodFromRange} and {@link currentQuarter}. */
export class PeriodError extends DomainError<PeriodErrorCode> {
  override readonly name = 'PeriodError';
  readonly kind = DomainErrorKind.Invalid;

  constructor(code: PeriodErrorCode, message: string) {
    super(code, message);
  }
}
