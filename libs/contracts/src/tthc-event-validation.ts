// Validation of incoming TTHC events against the contract of tthc-events.ts (architecture.md §4):
// whatever a one-stop system sends becomes either a typed event or a list of errors that each name
// the field, what was expected and what came.
import { z } from 'zod';
import {
  DOSSIER_CHANNELS,
  DOSSIER_RATINGS,
  eventSubjectKey,
  FEEDBACK_CHANNELS,
  FEEDBACK_SATISFACTIONS,
  PAYMENT_CHANNELS,
  PROCEDURE_LEVELS,
  RESOLUTION_OUTCOMES,
  TTHC_EVENT_TYPE_PREFIX,
  TTHC_EVENT_TYPES,
  type TthcEvent,
  type TthcEventDataMap,
  type TthcEventType,
  UNIT_CODE_PATTERN,
} from './tthc-events';

/** What `validateTthcEvent` gives: the typed event, or the errors and the event's id when usable. */
export type TthcEventValidation =
  { ok: true; event: TthcEvent } | { ok: false; id: string | null; errors: string[] };

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

/** The `id` of something that may be an event, when it is a usable one (a non-empty string, not too long). */
export function readEventId(input: unknown): string | null {
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
  return { ok: false, id: readEventId(input), errors: errors.slice(0, MAX_ERRORS) };
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
      id = readEventId(input);
    } catch {
      id = null;
    }
    return { ok: false, id, errors: [`event: could not be read (${reason.slice(0, MAX_ECHO_LENGTH)})`] };
  }
}
