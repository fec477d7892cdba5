// Simulated time: every simulated moment is a local (+07:00) day and a minute of that day.

export interface Moment {
  day: string;
  minute: number;
}

export const OPEN = 7 * 60 + 30; // counters open 7:30
export const CLOSE = 17 * 60; // and close 17:00

export function stamp(m: Moment): string {
  const hh = String(Math.floor(m.minute / 60)).padStart(2, '0');
  const mm = String(m.minute % 60).padStart(2, '0');
  return `${m.day}T${hh}:${mm}:00+07:00`;
}

/** The same instant written in UTC (`…Z`): one-stop systems differ in how they write offsets. */
export function stampUtc(m: Moment): string {
  const ms = Date.parse(`${m.day}T00:00:00+07:00`) + m.minute * 60_000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function compareMoments(a: Moment, b: Moment): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : a.minute - b.minute;
}
