// The TTHC event contract of architecture.md §4: CloudEvents 1.0 (structured JSON) sent by one-stop
// counter systems. Type names, field names and enum values are fixed: one-stop systems publish them
// and the KPIs of §5 are computed from them. A breaking change is a new type (`.v2`) beside this one.

/** Every TTHC event type starts with this prefix. */
export const TTHC_EVENT_TYPE_PREFIX = 'vn.cchc.tthc.';

/** The event types of architecture.md §4, by name (use these instead of string literals). */
export const TthcEventTypes = {
  dossierReceived: 'vn.cchc.tthc.dossier.received.v1',
  dossierSupplementRequested: 'vn.cchc.tthc.dossier.supplement_requested.v1',
  dossierSupplementReceived: 'vn.cchc.tthc.dossier.supplement_received.v1',
  dossierApologyIssued: 'vn.cchc.tthc.dossier.apology_issued.v1',
  dossierResolved: 'vn.cchc.tthc.dossier.resolved.v1',
  dossierReturned: 'vn.cchc.tthc.dossier.returned.v1',
  dossierWithdrawn: 'vn.cchc.tthc.dossier.withdrawn.v1',
  feedbackReceived: 'vn.cchc.tthc.feedback.received.v1',
  feedbackResolved: 'vn.cchc.tthc.feedback.resolved.v1',
  // Revision 2 (QĐ 766/QĐ-TTg indicators 3.6 and 5.4).
  dossierPaid: 'vn.cchc.tthc.dossier.paid.v1',
  dossierRated: 'vn.cchc.tthc.dossier.rated.v1',
} as const;

/** All TTHC event types, in contract order. */
export const TTHC_EVENT_TYPES = [
  TthcEventTypes.dossierReceived,
  TthcEventTypes.dossierSupplementRequested,
  TthcEventTypes.dossierSupplementReceived,
  TthcEventTypes.dossierApologyIssued,
  TthcEventTypes.dossierResolved,
  TthcEventTypes.dossierReturned,
  TthcEventTypes.dossierWithdrawn,
  TthcEventTypes.feedbackReceived,
  TthcEventTypes.feedbackResolved,
  TthcEventTypes.dossierPaid,
  TthcEventTypes.dossierRated,
] as const;

export type TthcEventType = (typeof TTHC_EVENT_TYPES)[number];
export type FeedbackEventType =
  typeof TthcEventTypes.feedbackReceived | typeof TthcEventTypes.feedbackResolved;
export type DossierEventType = Exclude<TthcEventType, FeedbackEventType>;

export const DOSSIER_CHANNELS = ['direct', 'online', 'postal'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];
export const FEEDBACK_CHANNELS = ['direct', 'online', 'postal', 'phone'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];
export const PAYMENT_CHANNELS = ['online', 'direct'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
export const DOSSIER_RATINGS = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type DossierRating = (typeof DOSSIER_RATINGS)[number];
export const FEEDBACK_SATISFACTIONS = ['satisfied', 'dissatisfied'] as const;
export type FeedbackSatisfaction = (typeof FEEDBACK_SATISFACTIONS)[number];
export const RESOLUTION_OUTCOMES = ['approved', 'rejected'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];
/** Online service levels (Decree 43/2011): 2 information and forms, 3 online submission, 4 fully online. */
export const PROCEDURE_LEVELS = [2, 3, 4] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

/** Unit codes (architecture.md §4): also a NATS subject token, hence the narrow alphabet. */
export const UNIT_CODE_PATTERN = /^[a-z0-9-]{1,32}$/;

// ---------------------------------------------------------------------------------------------
// Payloads. Timestamps are ISO 8601 with an offset (`2021-01-05T08:30:00+07:00`); dates are
// calendar days `YYYY-MM-DD` in Asia/Ho_Chi_Minh.

export interface DossierReceivedData {
  dossierCode: string;
  procedureCode: string;
  unitCode: string;
  channel: DossierChannel;
  receivedAt: string;
  /** The appointment date on Mẫu 01. */
  dueDate: string;
  procedureLevel?: ProcedureLevel;
  /** Revision 2: the dossier's components were digitised at intake (QĐ 766 indicator 4.2). */
  digitized?: boolean;
  /** Revision 2: at least one component was taken from already digitised data (QĐ 766 4.3). */
  reusedData?: boolean;
}

export interface DossierSupplementRequestedData {
  dossierCode: string;
  requestedAt: string;
  reason?: string;
}

export interface DossierSupplementReceivedData {
  dossierCode: string;
  receivedAt: string;
  /** The new appointment date: the time limit restarts once the dossier is complete. */
  dueDate: string;
}

export interface DossierApologyIssuedData {
  dossierCode: string;
  issuedAt: string;
  letterNo: string;
  reason: string;
  /** The re-appointed date of Mẫu 04. Never replaces the due date the KPIs use. */
  newDueDate: string;
}

export interface DossierResolvedData {
  dossierCode: string;
  resolvedAt: string;
  outcome: ResolutionOutcome;
  /** Revision 2: an electronic result was issued (QĐ 766 indicators 3.3, 4.1, 4.2). */
  eResult?: boolean;
}

export interface DossierReturnedData {
  dossierCode: string;
  returnedAt: string;
  returnChannel: DossierChannel;
}

export interface DossierWithdrawnData {
  dossierCode: string;
  withdrawnAt: string;
}

export interface FeedbackReceivedData {
  feedbackId: string;
  unitCode: string;
  receivedAt: string;
  dueDate: string;
  channel: FeedbackChannel;
  dossierCode?: string;
}

export interface FeedbackResolvedData {
  feedbackId: string;
  resolvedAt: string;
  /** Revision 2: the citizen's rating of the answer (QĐ 766 indicator 5.3). */
  satisfaction?: FeedbackSatisfaction;
}

/** Revision 2: a fee or charge paid for the dossier (QĐ 766 indicator 3.6). */
export interface DossierPaidData {
  dossierCode: string;
  paidAt: string;
  channel: PaymentChannel;
  /** Integer ≥ 0. */
  amountVnd: number;
}

/** Revision 2: the applicant's rating of how the dossier was handled (QĐ 766 indicator 5.4). */
export interface DossierRatedData {
  dossierCode: string;
  ratedAt: string;
  rating: DossierRating;
}

/** The `data` of each event type. */
export interface TthcEventDataMap {
  'vn.cchc.tthc.dossier.received.v1': DossierReceivedData;
  'vn.cchc.tthc.dossier.supplement_requested.v1': DossierSupplementRequestedData;
  'vn.cchc.tthc.dossier.supplement_received.v1': DossierSupplementReceivedData;
  'vn.cchc.tthc.dossier.apology_issued.v1': DossierApologyIssuedData;
  'vn.cchc.tthc.dossier.resolved.v1': DossierResolvedData;
  'vn.cchc.tthc.dossier.returned.v1': DossierReturnedData;
  'vn.cchc.tthc.dossier.withdrawn.v1': DossierWithdrawnData;
  'vn.cchc.tthc.feedback.received.v1': FeedbackReceivedData;
  'vn.cchc.tthc.feedback.resolved.v1': FeedbackResolvedData;
  'vn.cchc.tthc.dossier.paid.v1': DossierPaidData;
  'vn.cchc.tthc.dossier.rated.v1': DossierRatedData;
}

/** A validated TTHC event of one type (the CloudEvents envelope with its typed `data`). */
export interface TthcEventOf<T extends TthcEventType> {
  specversion: '1.0';
  id: string;
  source: string;
  type: T;
  time: string;
  subject: string;
  datacontenttype?: 'application/json';
  data: TthcEventDataMap[T];
}

/** A validated TTHC event: a union discriminated by `type`. */
export type TthcEvent = { [T in TthcEventType]: TthcEventOf<T> }[TthcEventType];
export type DossierEvent = { [T in DossierEventType]: TthcEventOf<T> }[DossierEventType];
export type FeedbackEvent = { [T in FeedbackEventType]: TthcEventOf<T> }[FeedbackEventType];

/** True for the dossier event types, false for the feedback (PAKN) ones. */
export function isDossierEvent(event: TthcEvent): event is DossierEvent {
  return event.type !== TthcEventTypes.feedbackReceived && event.type !== TthcEventTypes.feedbackResolved;
}

/** The unit code an event carries (`dossier.received`, `feedback.received`), else null. */
export function eventUnitCode(event: TthcEvent): string | null {
  switch (event.type) {
    case 'vn.cchc.tthc.dossier.received.v1':
    case 'vn.cchc.tthc.feedback.received.v1':
      return event.data.unitCode;
    case 'vn.cchc.tthc.dossier.supplement_requested.v1':
    case 'vn.cchc.tthc.dossier.supplement_received.v1':
    case 'vn.cchc.tthc.dossier.apology_issued.v1':
    case 'vn.cchc.tthc.dossier.resolved.v1':
    case 'vn.cchc.tthc.dossier.returned.v1':
    case 'vn.cchc.tthc.dossier.withdrawn.v1':
    case 'vn.cchc.tthc.feedback.resolved.v1':
    case 'vn.cchc.tthc.dossier.paid.v1':
    case 'vn.cchc.tthc.dossier.rated.v1':
      return null;
  }
}

/** What the event is about: the dossier code, or the feedback id for PAKN events. */
export function eventSubjectKey(event: TthcEvent): string {
  return isDossierEvent(event) ? event.data.dossierCode : event.data.feedbackId;
}

/**
 * The timestamp in `data` that dates the event (architecture.md §5: dates come from `data`, the
 * envelope `time` is informational).
 */
export function eventTimestamp(event: TthcEvent): string {
  switch (event.type) {
    case 'vn.cchc.tthc.dossier.received.v1':
    case 'vn.cchc.tthc.dossier.supplement_received.v1':
    case 'vn.cchc.tthc.feedback.received.v1':
      return event.data.receivedAt;
    case 'vn.cchc.tthc.dossier.supplement_requested.v1':
      return event.data.requestedAt;
    case 'vn.cchc.tthc.dossier.apology_issued.v1':
      return event.data.issuedAt;
    case 'vn.cchc.tthc.dossier.resolved.v1':
    case 'vn.cchc.tthc.feedback.resolved.v1':
      return event.data.resolvedAt;
    case 'vn.cchc.tthc.dossier.returned.v1':
      return event.data.returnedAt;
    case 'vn.cchc.tthc.dossier.withdrawn.v1':
      return event.data.withdrawnAt;
    case 'vn.cchc.tthc.dossier.paid.v1':
      return event.data.paidAt;
    case 'vn.cchc.tthc.dossier.rated.v1':
      return event.data.ratedAt;
  }
}
