// The TTHC event contract of architecture.md §4: CloudEvents 1.0 (structured JSON) sent by one-stop
// counter systems. Type names, field names and enum values are fixed: one-stop systems publish them
// and the KPIs of §5 are computed from them. A breaking change is a new type (`.v2`) beside this one.
import { z } from 'zod';

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

export type TthcEventValidation =
  { ok: true; event: TthcEvent } | { ok: false; id: string | null; errors: string[] };

// ---------------------------------------------------------------------------------------------
// Schemas. Every message names what was expected and what came, so that a one-stop operator can
// fix the sender from the dead-letter record alone.

const MAX_ID_LENGTH = 200;
const MAX_CODE_LENGTH = 200;
const MAX_SOURCE_LENGTH = 1000;
const MAX_TEXT_LENGTH = 4000;
// Echoed values are cut short: a 10 MB string must not become a 10 MB error message.
const MAX_ECHO_LENGTH = 80;
// The number of fields bounds the number of issues; this only guards against surprises.
const MAX_ERRORS = 50;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 / ISO 8601 extended format with a mandatory offset; seconds and fractions optional.
const TIMESTAMP_PATTERN =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function isRealDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= daysInMonth[month - 1];
}

function isTimestamp(value: string): boolean {
  const m = TIMESTAMP_PATTERN.exec(value);
  return m !== null && isRealDate(m[1]);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_ECHO_LENGTH ? `${value.slice(0, MAX_ECHO_LENGTH)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

type IssueMessage = (issue: { input?: unknown }) => string;

function expected(what: string): IssueMessage {
  return (issue) =>
    issue.input === undefined ? 'is required' : `expected ${what}, got ${describeValue(issue.input)}`;
}

function stringWhere(what: string, test: (value: string) => boolean) {
  return z.custom<string>((value) => typeof value === 'string' && test(value), { error: expected(what) });
}

function quotedList(values: readonly (string | number)[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
}

const code = stringWhere(
  `a non-empty string of at most ${MAX_CODE_LENGTH} characters`,
  (v) => v.trim().length > 0 && v.length <= MAX_CODE_LENGTH,
);
const text = (max: number) =>
  stringWhere(
    `a non-empty string of at most ${max} characters`,
    (v) => v.trim().length > 0 && v.length <= max,
  );
const date = stringWhere('a date YYYY-MM-DD', isRealDate);
const timestamp = stringWhere(
  'an ISO 8601 timestamp with offset, e.g. "2021-01-05T08:30:00+07:00"',
  isTimestamp,
);
const unitCode = stringWhere('a unit code matching [a-z0-9-]{1,32}', (v) => UNIT_CODE_PATTERN.test(v));
const oneOf = <const T extends readonly (string | number)[]>(values: T) =>
  z.custom<T[number]>((value) => values.includes(value as T[number]), {
    error: expected(`one of ${quotedList(values)}`),
  });

const bool = z.custom<boolean>((v) => typeof v === 'boolean', { error: expected('true or false') });

const object = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: expected('an object') });

const DATA_SCHEMAS: { [T in TthcEventType]: z.ZodType<TthcEventDataMap[T]> } = {
  'vn.cchc.tthc.dossier.received.v1': object({
    dossierCode: code,
    procedureCode: code,
    unitCode,
    channel: oneOf(DOSSIER_CHANNELS),
    receivedAt: timestamp,
    dueDate: date,
    procedureLevel: oneOf(PROCEDURE_LEVELS).optional(),
    digitized: bool.optional(),
    reusedData: bool.optional(),
  }),
  'vn.cchc.tthc.dossier.supplement_requested.v1': object({
    dossierCode: code,
    requestedAt: timestamp,
    reason: text(MAX_TEXT_LENGTH).optional(),
  }),
  'vn.cchc.tthc.dossier.supplement_received.v1': object({
    dossierCode: code,
    receivedAt: timestamp,
    dueDate: date,
  }),
  'vn.cchc.tthc.dossier.apology_issued.v1': object({
    dossierCode: code,
    issuedAt: timestamp,
    letterNo: text(MAX_CODE_LENGTH),
    reason: text(MAX_TEXT_LENGTH),
    newDueDate: date,
  }),
  'vn.cchc.tthc.dossier.resolved.v1': object({
    dossierCode: code,
    resolvedAt: timestamp,
    outcome: oneOf(RESOLUTION_OUTCOMES),
    eResult: bool.optional(),
  }),
  'vn.cchc.tthc.dossier.returned.v1': object({
    dossierCode: code,
    returnedAt: timestamp,
    returnChannel: oneOf(DOSSIER_CHANNELS),
  }),
  'vn.cchc.tthc.dossier.withdrawn.v1': object({
    dossierCode: code,
    withdrawnAt: timestamp,
  }),
  'vn.cchc.tthc.feedback.received.v1': object({
    feedbackId: code,
    unitCode,
    receivedAt: timestamp,
    dueDate: date,
    channel: oneOf(FEEDBACK_CHANNELS),
    dossierCode: code.optional(),
  }),
  'vn.cchc.tthc.feedback.resolved.v1': object({
    feedbackId: code,
    resolvedAt: timestamp,
    satisfaction: oneOf(FEEDBACK_SATISFACTIONS).optional(),
  }),
  'vn.cchc.tthc.dossier.paid.v1': object({
    dossierCode: code,
    paidAt: timestamp,
    channel: oneOf(PAYMENT_CHANNELS),
    amountVnd: z.custom<number>((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0, {
      error: expected('an integer ≥ 0 (VND)'),
    }),
  }),
  'vn.cchc.tthc.dossier.rated.v1': object({
    dossierCode: code,
    ratedAt: timestamp,
    rating: oneOf(DOSSIER_RATINGS),
  }),
};

// The envelope is checked on its own first: `type` decides which `data` schema applies. Unknown
// attributes are CloudEvents extensions: allowed, and dropped from the validated event.
const envelopeSchema = object({
  specversion: z.custom<'1.0'>((v) => v === '1.0', { error: expected('"1.0"') }),
  id: text(MAX_ID_LENGTH),
  source: text(MAX_SOURCE_LENGTH),
  type: stringWhere(`an event type "${TTHC_EVENT_TYPE_PREFIX}…"`, () => true),
  time: timestamp,
  subject: code,
  datacontenttype: z
    .custom<'application/json'>((v) => v === 'application/json', { error: expected('"application/json"') })
    .optional(),
});

const KNOWN_TYPES: ReadonlySet<string> = new Set(TTHC_EVENT_TYPES);

function isTthcEventType(value: string): value is TthcEventType {
  return KNOWN_TYPES.has(value);
}

function formatIssues(issues: readonly z.core.$ZodIssue[], prefix: string): string[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p.length > 0).join('.');
    return `${path || 'event'}: ${issue.message}`;
  });
}

function readId(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const id = (input as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH ? id : null;
}

function validate(input: unknown): TthcEventValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    // Not an event at all: nothing more to say.
    return { ok: false, id: null, errors: [`event: expected an object, got ${describeValue(input)}`] };
  }
  const envelope = envelopeSchema.safeParse(input);
  const errors = envelope.success ? [] : formatIssues(envelope.error.issues, '');
  const raw = input as Record<string, unknown>;
  const type = raw.type;

  if (typeof type === 'string' && !isTthcEventType(type)) {
    errors.push(`type: unknown event type ${describeValue(type)}`);
  }
  if (typeof type === 'string' && isTthcEventType(type)) {
    const data = DATA_SCHEMAS[type].safeParse(raw.data);
    if (!data.success) {
      errors.push(...formatIssues(data.error.issues, 'data'));
    } else if (envelope.success && errors.length === 0) {
      const event = { ...envelope.data, type, data: data.data } as TthcEvent;
      // architecture.md §4: `subject` is the dossier code (or the feedback id). An event whose
      // subject and data disagree cannot be attributed safely, so it is rejected.
      const key = eventSubjectKey(event);
      if (event.subject !== key) {
        const field = event.type.startsWith(`${TTHC_EVENT_TYPE_PREFIX}feedback.`)
          ? 'feedbackId'
          : 'dossierCode';
        errors.push(
          `subject: expected data.${field} ${describeValue(key)}, got ${describeValue(event.subject)}`,
        );
      } else {
        return { ok: true, event };
      }
    }
  }
  return { ok: false, id: readId(input), errors: errors.slice(0, MAX_ERRORS) };
}

/**
 * Validates one TTHC event against architecture.md §4. Never throws: any input (null, arrays,
 * strings, objects with hostile getters) gives either the typed event or a list of errors, each
 * naming the field, e.g. `data.dueDate: expected a date YYYY-MM-DD, got "2021-02-30"`. `id` is the
 * event id when the input carries a usable one, so that a rejection can be reported against it.
 */
export function validateTthcEvent(input: unknown): TthcEventValidation {
  try {
    return validate(input);
  } catch (error) {
    // Only reachable with inputs that throw when read (proxies, getters); JSON never does.
    const reason = error instanceof Error ? error.message : 'unreadable input';
    let id: string | null = null;
    try {
      id = readId(input);
    } catch {
      id = null;
    }
    return { ok: false, id, errors: [`event: could not be read (${reason.slice(0, MAX_ECHO_LENGTH)})`] };
  }
}

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
