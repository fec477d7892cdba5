// The raw-event layer of the independent reference (kpi-reference.ts, service-index-reference.ts):
// contract validation of one CloudEvent into a flat record, the local-date arithmetic, and the
// order-free pickers. Written from architecture.md §4 and §5 only; it shares no code with services/**.

const TYPE_PREFIX = 'vn.cchc.tthc.';
const UNIT_CODE = /^[a-z0-9-]{1,32}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DOSSIER_CHANNELS = ['direct', 'online', 'postal'];
const FEEDBACK_CHANNELS = ['direct', 'online', 'postal', 'phone'];
// Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975.
const LOCAL_OFFSET_MS = 7 * 3600 * 1000;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Rejects 2021-02-30 and friends, which Date would silently roll over.
  return d.toISOString().slice(0, 10) === value;
}

/** Milliseconds since the epoch of an ISO 8601 timestamp with offset, or null when it is not one. */
function instant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = TIMESTAMP.exec(value);
  if (!m || !isCalendarDate(`${m[1]}-${m[2]}-${m[3]}`)) return null;
  if (Number(m[4]) > 23 || Number(m[5]) > 59) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** The Asia/Ho_Chi_Minh calendar day of an instant. */
export function localDate(ms: number): string {
  return new Date(ms + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

/** The local hour (0–23) of an instant. */
export function localHour(ms: number): number {
  return new Date(ms + LOCAL_OFFSET_MS).getUTCHours();
}

/** `date` moved by `days` calendar days. */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Parsing: one raw event -> a flat record, or null when it breaks the contract (the service
// dead-letters those, so they count nowhere). Every dated record carries `at` (ms) and `date`.

interface Base {
  id: string;
  /** Envelope `time` in ms; -Infinity when absent (it only orders corrections). */
  time: number;
}
interface Dated {
  at: number;
  date: string;
}

export type Parsed =
  | (Base &
      Dated & {
        kind: 'received';
        dossierCode: string;
        procedureCode: string;
        unitCode: string;
        channel: string;
        dueDate: string;
        procedureLevel: number | null;
        digitized: boolean;
        reusedData: boolean;
      })
  | (Base & Dated & { kind: 'supplementRequested'; dossierCode: string })
  | (Base & Dated & { kind: 'supplementReceived'; dossierCode: string; dueDate: string })
  | (Base & Dated & { kind: 'apology'; dossierCode: string })
  | (Base & Dated & { kind: 'resolved'; dossierCode: string; eResult: boolean })
  | (Base & Dated & { kind: 'withdrawn'; dossierCode: string })
  | (Base & Dated & { kind: 'returned'; dossierCode: string; returnChannel: string })
  | (Base & Dated & { kind: 'paid'; dossierCode: string; channel: string })
  | (Base & Dated & { kind: 'rated'; dossierCode: string; rating: string })
  | (Base &
      Dated & {
        kind: 'feedbackReceived';
        feedbackId: string;
        unitCode: string;
        dueDate: string;
        dossierCode: string | null;
      })
  | (Base & Dated & { kind: 'feedbackResolved'; feedbackId: string; satisfaction: string | null });

export type DossierRecord = Exclude<Parsed, { kind: 'feedbackReceived' | 'feedbackResolved' }>;
export type FeedbackRecord = Extract<Parsed, { kind: 'feedbackReceived' | 'feedbackResolved' }>;

function str(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function oneOf(value: unknown, allowed: string[]): value is string {
  return typeof value === 'string' && allowed.includes(value);
}

function optionalBoolean(value: unknown): boolean | null {
  if (value === undefined) return false;
  return typeof value === 'boolean' ? value : null;
}

function dated(value: unknown): Dated | null {
  const at = instant(value);
  return at === null ? null : { at, date: localDate(at) };
}

export function parse(raw: unknown): Parsed | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as Record<string, unknown>;
  if (e.specversion !== '1.0' || !str(e.id) || !str(e.source) || !str(e.type)) return null;
  if (!e.type.startsWith(TYPE_PREFIX)) return null;
  let time = -Infinity;
  if (e.time !== undefined) {
    const t = instant(e.time);
    if (t === null) return null;
    time = t;
  }
  const d = e.data;
  if (typeof d !== 'object' || d === null) return null;
  const data = d as Record<string, unknown>;
  const base: Base = { id: e.id, time };
  const code = str(data.dossierCode) ? data.dossierCode : null;

  switch (e.type.slice(TYPE_PREFIX.length)) {
    case 'dossier.received.v1': {
      const when = dated(data.receivedAt);
      const level = data.procedureLevel;
      const digitized = optionalBoolean(data.digitized);
      const reusedData = optionalBoolean(data.reusedData);
      if (code === null || !str(data.procedureCode) || !str(data.unitCode)) return null;
      if (!UNIT_CODE.test(data.unitCode) || !oneOf(data.channel, DOSSIER_CHANNELS)) return null;
      if (when === null || !isCalendarDate(data.dueDate)) return null;
      if (level !== undefined && level !== 2 && level !== 3 && level !== 4) return null;
      if (digitized === null || reusedData === null) return null;
      return {
        ...base,
        ...when,
        kind: 'received',
        dossierCode: code,
        procedureCode: data.procedureCode,
        unitCode: data.unitCode,
        channel: data.channel,
        dueDate: data.dueDate,
        procedureLevel: typeof level === 'number' ? level : null,
        digitized,
        reusedData,
      };
    }
    case 'dossier.supplement_requested.v1': {
      const when = dated(data.requestedAt);
      if (code === null || when === null) return null;
      return { ...base, ...when, kind: 'supplementRequested', dossierCode: code };
    }
    case 'dossier.supplement_received.v1': {
      const when = dated(data.receivedAt);
      if (code === null || when === null || !isCalendarDate(data.dueDate)) return null;
      return { ...base, ...when, kind: 'supplementReceived', dossierCode: code, dueDate: data.dueDate };
    }
    case 'dossier.apology_issued.v1': {
      const when = dated(data.issuedAt);
      if (code === null || when === null || !str(data.letterNo)) return null;
      if (!str(data.reason) || !isCalendarDate(data.newDueDate)) return null;
      return { ...base, ...when, kind: 'apology', dossierCode: code };
    }
    case 'dossier.resolved.v1': {
      const when = dated(data.resolvedAt);
      const eResult = optionalBoolean(data.eResult);
      if (code === null || when === null || !oneOf(data.outcome, ['approved', 'rejected'])) return null;
      if (eResult === null) return null;
      return { ...base, ...when, kind: 'resolved', dossierCode: code, eResult };
    }
    case 'dossier.returned.v1': {
      const when = dated(data.returnedAt);
      if (code === null || when === null || !oneOf(data.returnChannel, DOSSIER_CHANNELS)) return null;
      return { ...base, ...when, kind: 'returned', dossierCode: code, returnChannel: data.returnChannel };
    }
    case 'dossier.withdrawn.v1': {
      const when = dated(data.withdrawnAt);
      if (code === null || when === null) return null;
      return { ...base, ...when, kind: 'withdrawn', dossierCode: code };
    }
    case 'dossier.paid.v1': {
      const when = dated(data.paidAt);
      const amount = data.amountVnd;
      if (code === null || when === null || !oneOf(data.channel, ['online', 'direct'])) return null;
      if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) return null;
      return { ...base, ...when, kind: 'paid', dossierCode: code, channel: data.channel };
    }
    case 'dossier.rated.v1': {
      const when = dated(data.ratedAt);
      if (code === null || when === null || !oneOf(data.rating, ['satisfied', 'neutral', 'dissatisfied']))
        return null;
      return { ...base, ...when, kind: 'rated', dossierCode: code, rating: data.rating };
    }
    case 'feedback.received.v1': {
      const when = dated(data.receivedAt);
      if (!str(data.feedbackId) || !str(data.unitCode) || !UNIT_CODE.test(data.unitCode)) return null;
      if (when === null || !isCalendarDate(data.dueDate) || !oneOf(data.channel, FEEDBACK_CHANNELS))
        return null;
      if (data.dossierCode !== undefined && code === null) return null;
      return {
        ...base,
        ...when,
        kind: 'feedbackReceived',
        feedbackId: data.feedbackId,
        unitCode: data.unitCode,
        dueDate: data.dueDate,
        dossierCode: code,
      };
    }
    case 'feedback.resolved.v1': {
      const when = dated(data.resolvedAt);
      if (!str(data.feedbackId) || when === null) return null;
      const s = data.satisfaction;
      if (s !== undefined && !oneOf(s, ['satisfied', 'dissatisfied'])) return null;
      return {
        ...base,
        ...when,
        kind: 'feedbackResolved',
        feedbackId: data.feedbackId,
        satisfaction: s ?? null,
      };
    }
    default:
      return null;
  }
}

/** Valid events, one per id: the first valid copy of an id is the one that counts. */
export function parseAll(events: unknown[]): Parsed[] {
  const seen = new Set<string>();
  const parsed: Parsed[] = [];
  for (const raw of events) {
    const p = parse(raw);
    if (p === null || seen.has(p.id)) continue;
    seen.add(p.id);
    parsed.push(p);
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Picking one event out of several. Ties are broken by id so that the answer never depends on the
// order of the input array (the service must not depend on arrival order either).

export function latestBy<T extends { id: string }>(items: T[], key: (item: T) => number): T {
  return items.reduce((best, x) =>
    key(x) > key(best) || (key(x) === key(best) && x.id > best.id) ? x : best,
  );
}

export function earliestBy<T extends { id: string }>(items: T[], key: (item: T) => number): T {
  return items.reduce((best, x) =>
    key(x) < key(best) || (key(x) === key(best) && x.id < best.id) ? x : best,
  );
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
