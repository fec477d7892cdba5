import { VIETNAM_HOLIDAYS } from './vietnam-holidays';
import { WorkingCalendar } from './working-calendar';

let shipped: WorkingCalendar | undefined;

/**
 * The working calendar over the shipped holiday data ({@link VIETNAM_HOLIDAYS}, 2019–2030).
 * The instance is immutable, so it is built once and shared.
 */
export function defaultCalendar(): WorkingCalendar {
  shipped ??= WorkingCalendar.fromEntries(VIETNAM_HOLIDAYS);
  return shipped;
}
