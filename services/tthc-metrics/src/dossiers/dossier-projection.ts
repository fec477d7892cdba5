// The state of one dossier as the KPIs of architecture.md §5 see it (a PAKN's: feedback-projection.ts),
// derived from its accepted events. Pure and a function of the SET of events: replicas apply a
// dossier's events in any order, repeated or hours late (architecture.md §2, §4), so nothing here
// may depend on the order of the input array, and every tie is broken by the event id.
import { localDate } from '@cchc/calendar';
import {
  chronological,
  dueDateAt,
  isEffectiveWorkingDay,
  isWeekday,
  lastWorkingDayBefore,
  stamp,
  supplementTimeline,
  type Receipt,
  type Stamp,
  type SupplementTimeline,
  type WorkingDays,
} from './dossier-timeline';
import { distinctById, earliest, instant, latest, type Of, type StoredDossierEvent } from './stored-events';
import type { DossierChannel, ProcedureLevel, ResolutionOutcome } from '@cchc/contracts';

/** Codes of the irregularities a dossier's events show. They are reported, never corrected. */
export const DOSSIER_ANOMALIES = [
  // Decree 61/2018 Art. 19.9: the return date may be re-appointed at most once.
  'apology-repeated',
  // Decree 61/2018 Art. 19.9: the apology is due at the latest one day before the due date; this
  // flags one dated after the due date in force when it was written.
  'apology-after-due-date',
  // A resolution or withdrawal dated before the counting dossier.received.
  'end-before-receipt',
  // Decree 61/2018 Art. 15 ("bổ sung một lần"); a second request counts as late under QĐ 766.
  'supplement-requested-repeatedly',
  // Several resolved/withdrawn events: the earliest counts, the later ones change nothing (§5).
  'end-repeated',
  // The due date is later than the procedure's working-day duration allows (Civil Code Arts.
  // 147–148, the working-day calendar). Added by the ledger, which knows the catalog and calendar.
  'due-date-beyond-duration',
  // Revision 2: a due date (Mẫu 01 or a new one after a supplement) on a weekend or public holiday
  // (Civil Code Art. 148 moves the end of a time limit to the next working day).
  'due-date-not-working-day',
  // Revision 2: the receipt date or a due date lies outside the working calendar's years, where
  // only Monday–Friday can be assumed (architecture.md §5 "Working calendar coverage").
  'date-outside-calendar',
] as const;
export type DossierAnomaly = (typeof DOSSIER_ANOMALIES)[number];

export interface DossierProjection {
  dossierCode: string;
  procedureCode: string;
  unitCode: string;
  channel: DossierChannel;
  procedureLevel: ProcedureLevel | null;
  /** Id of the dossier.received that counts (the latest correction). */
  receivedEventId: string;
  receivedAt: string;
  /** Local date (Asia/Ho_Chi_Minh) of `receivedAt`. */
  receivedDate: string;
  /** The due date in force now: from dossier.received, or the latest supplement_received. */
  dueDate: string;
  /** The due date of the counted dossier.received (Mẫu 01). */
  originalDueDate: string;
  /** Revision 2 (§5): the period-dependent supplementation facts, see dossier-timeline.ts. */
  timeline: SupplementTimeline;
  /** The due date in force at the end (resolution or withdrawal) moment; null while pending. */
  dueDateAtEnd: string | null;
  /** Local date of the first apology letter, and whether it met Decree 61/2018 Art. 19.9. */
  firstApologyDate: string | null;
  firstApologyInTime: boolean;
  /** Revision 2 (§5b): intake and result flags, payments and ratings. */
  digitized: boolean;
  reusedData: boolean;
  /** The counted resolution carries `eResult: true`. */
  eResult: boolean;
  firstOnlinePaymentDate: string | null;
  firstDissatisfiedDate: string | null;
  /** Where the time limit started (the receipt and each supplement receipt), for the duration check. */
  clockStarts: Array<{ at: string; dueDate: string }>;
  /** The re-appointed date of the latest apology (Mẫu 04); informational, never the KPI due date. */
  rescheduledDueDate: string | null;
  /** Timestamp of the end (earliest resolution or withdrawal), null while pending. */
  endedAt: string | null;
  resolvedDate: string | null;
  withdrawnDate: string | null;
  outcome: ResolutionOutcome | null;
  hasApology: boolean;
  apologyCount: number;
  supplementRequestCount: number;
  /** Sorted, distinct local dates of the returns by post (returnChannel `postal`). */
  postalReturnDates: string[];
  /** In {@link DOSSIER_ANOMALIES} order. */
  anomalies: DossierAnomaly[];
}

type Received = Of<StoredDossierEvent, 'vn.cchc.tthc.dossier.received.v1'>;
type End =
  | Of<StoredDossierEvent, 'vn.cchc.tthc.dossier.resolved.v1'>
  | Of<StoredDossierEvent, 'vn.cchc.tthc.dossier.withdrawn.v1'>;

/** Monday–Friday with no holidays, covering every date: for callers without a calendar (tests). */
const WEEKDAYS_EVERYWHERE: WorkingDays = { covers: () => true, isWorkingDay: isWeekday };

function endTimestamp(end: End): string {
  return end.type === 'vn.cchc.tthc.dossier.resolved.v1' ? end.data.resolvedAt : end.data.withdrawnAt;
}

/**
 * The dossier as architecture.md §5 defines it, or null until its dossier.received has arrived
 * (its other events wait for it). Pass the events of one dossier code; their order is irrelevant
 * and copies of an id count once.
 */
export function projectDossier(
  events: readonly StoredDossierEvent[],
  calendar: WorkingDays = WEEKDAYS_EVERYWHERE,
): DossierProjection | null {
  const received: Received[] = [];
  const supplementsReceived: Of<StoredDossierEvent, 'vn.cchc.tthc.dossier.supplement_received.v1'>[] = [];
  const apologies: Of<StoredDossierEvent, 'vn.cchc.tthc.dossier.apology_issued.v1'>[] = [];
  const ends: End[] = [];
  const postalReturnDates = new Set<string>();
  const requests: Stamp[] = [];
  const onlinePayments: string[] = [];
  const dissatisfied: string[] = [];
  let supplementRequestCount = 0;

  for (const event of distinctById(events)) {
    switch (event.type) {
      case 'vn.cchc.tthc.dossier.received.v1':
        received.push(event);
        break;
      case 'vn.cchc.tthc.dossier.supplement_requested.v1':
        supplementRequestCount += 1;
        requests.push(stamp(event.id, event.data.requestedAt));
        break;
      case 'vn.cchc.tthc.dossier.supplement_received.v1':
        supplementsReceived.push(event);
        break;
      case 'vn.cchc.tthc.dossier.apology_issued.v1':
        apologies.push(event);
        break;
      case 'vn.cchc.tthc.dossier.resolved.v1':
      case 'vn.cchc.tthc.dossier.withdrawn.v1':
        ends.push(event);
        break;
      case 'vn.cchc.tthc.dossier.returned.v1':
        if (event.data.returnChannel === 'postal') postalReturnDates.add(localDate(event.data.returnedAt));
        break;
      case 'vn.cchc.tthc.dossier.paid.v1':
        if (event.data.channel === 'online') onlinePayments.push(localDate(event.data.paidAt));
        break;
      case 'vn.cchc.tthc.dossier.rated.v1':
        if (event.data.rating === 'dissatisfied') dissatisfied.push(localDate(event.data.ratedAt));
        break;
    }
  }

  // §5: of several dossier.received (different ids), the latest envelope `time` is the correction
  // that counts; equal times fall back to the greatest id so that the choice is deterministic.
  const counted = latest(received, (e) => instant(e.time));
  if (counted === undefined) return null;
  const receivedAt = instant(counted.data.receivedAt);

  // §5: the supplement_received with the latest receivedAt restarts the clock (Decree 61/2018
  // Art. 19.4). An apology's newDueDate never replaces the due date: a late dossier stays late.
  const restart = latest(supplementsReceived, (e) => instant(e.data.receivedAt));
  const dueDate = restart?.data.dueDate ?? counted.data.dueDate;

  // §5: the end is the resolution or withdrawal with the earliest timestamp. On an exact tie a
  // resolution wins over a withdrawal (the result exists and is what the applicant receives), then
  // the smallest id.
  const end = earliest(
    ends,
    (e) => instant(endTimestamp(e)),
    (e) => (e.type === 'vn.cchc.tthc.dossier.resolved.v1' ? 0 : 1),
  );
  const endDate = end === undefined ? null : localDate(endTimestamp(end));

  const lastApology = latest(apologies, (e) => instant(e.data.issuedAt));
  const originalDueDate = counted.data.dueDate;
  const receipts: Receipt[] = supplementsReceived.map((e) => ({
    ...stamp(e.id, e.data.receivedAt),
    dueDate: e.data.dueDate,
  }));
  const letters = chronological(apologies.map((e) => stamp(e.id, e.data.issuedAt)));
  const firstLetter = letters[0];
  // Decree 61/2018 Art. 19.9: the letter is due at the latest one day before the due date in force
  // when it was written, read as the last working day before it.
  const firstApologyInTime =
    firstLetter !== undefined &&
    firstLetter.date <= lastWorkingDayBefore(calendar, dueDateAt(originalDueDate, receipts, firstLetter.at));
  const allDueDates = [originalDueDate, ...receipts.map((r) => r.dueDate)];

  const anomalies = new Set<DossierAnomaly>();
  if (apologies.length > 1) anomalies.add('apology-repeated');
  if (letters.some((l) => l.date > dueDateAt(originalDueDate, receipts, l.at))) {
    anomalies.add('apology-after-due-date');
  }
  if (ends.some((e) => instant(endTimestamp(e)) < receivedAt)) anomalies.add('end-before-receipt');
  if (supplementRequestCount > 1) anomalies.add('supplement-requested-repeatedly');
  if (ends.length > 1) anomalies.add('end-repeated');
  if (allDueDates.some((d) => calendar.covers(d) && !isEffectiveWorkingDay(calendar, d))) {
    anomalies.add('due-date-not-working-day');
  }
  if (![localDate(counted.data.receivedAt), ...allDueDates].every((d) => calendar.covers(d))) {
    anomalies.add('date-outside-calendar');
  }

  return {
    dossierCode: counted.data.dossierCode,
    procedureCode: counted.data.procedureCode,
    unitCode: counted.data.unitCode,
    channel: counted.data.channel,
    procedureLevel: counted.data.procedureLevel ?? null,
    receivedEventId: counted.id,
    receivedAt: counted.data.receivedAt,
    receivedDate: localDate(counted.data.receivedAt),
    dueDate,
    originalDueDate,
    timeline: supplementTimeline(originalDueDate, requests, receipts),
    dueDateAtEnd: end === undefined ? null : dueDateAt(originalDueDate, receipts, instant(endTimestamp(end))),
    firstApologyDate: firstLetter?.date ?? null,
    firstApologyInTime,
    digitized: counted.data.digitized ?? false,
    reusedData: counted.data.reusedData ?? false,
    eResult: end?.type === 'vn.cchc.tthc.dossier.resolved.v1' && end.data.eResult === true,
    firstOnlinePaymentDate: onlinePayments.sort()[0] ?? null,
    firstDissatisfiedDate: dissatisfied.sort()[0] ?? null,
    clockStarts: [
      { at: counted.data.receivedAt, dueDate: originalDueDate },
      ...chronological(supplementsReceived.map((e) => ({ ...stamp(e.id, e.data.receivedAt), e }))).map(
        ({ e }) => ({ at: e.data.receivedAt, dueDate: e.data.dueDate }),
      ),
    ],
    rescheduledDueDate: lastApology?.data.newDueDate ?? null,
    endedAt: end === undefined ? null : endTimestamp(end),
    resolvedDate: end?.type === 'vn.cchc.tthc.dossier.resolved.v1' ? endDate : null,
    withdrawnDate: end?.type === 'vn.cchc.tthc.dossier.withdrawn.v1' ? endDate : null,
    outcome: end?.type === 'vn.cchc.tthc.dossier.resolved.v1' ? end.data.outcome : null,
    hasApology: apologies.length > 0,
    apologyCount: apologies.length,
    supplementRequestCount,
    postalReturnDates: [...postalReturnDates].sort(),
    anomalies: DOSSIER_ANOMALIES.filter((code) => anomalies.has(code)),
  };
}
