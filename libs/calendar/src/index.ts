// Public surface of @cchc/calendar: working days of a Vietnamese state agency, local dates in
// Asia/Ho_Chi_Minh, and reporting periods. Dates are 'YYYY-MM-DD' strings throughout.
export { CalendarError, CalendarErrorCode, PeriodError, PeriodErrorCode } from './calendar.errors';
export { addCalendarDays, isIsoDate, localDate } from './iso-date';
export { CALENDAR_ENTRY_KINDS } from './calendar-entries';
export type { CalendarEntry, CalendarEntryKind } from './calendar-entries';
export { WorkingCalendar } from './working-calendar';
export type { WorkingCalendarOptions } from './working-calendar';
export { VIETNAM_HOLIDAYS } from './vietnam-holidays';
export { defaultCalendar } from './default-calendar';
export { PERIOD_WINDOWS, currentQuarter, parsePeriod, periodFromRange } from './periods';
export type { PeriodWindow, ReportingPeriod } from './periods';
