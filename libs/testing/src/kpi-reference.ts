// Reference implementation of the TTHC KPIs (architecture.md §5), computed straight from the raw
// CloudEvents. It is the ground truth the acceptance test holds the tthc-metrics service against,
// so it is deliberately naive (a few passes over an array, no state, no cleverness) and shares no
// code with services/**: only the contract types.
import type { KpiResult, KpiWindow } from '@cchc/contracts';

export interface ReferenceKpiQuery {
  /** First day of the period, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day of the period, YYYY-MM-DD (inclusive). */
  to: string;
  window: KpiWindow;
  unit?: string;
  procedure?: string;
}

export interface ReferenceCatalogEntry {
  code: string;
  unitCode: string;
  level: number;
}

const TYPE_PREFIX = 'vn.cchc.tthc.';
const UNIT_CODE = /^[a-z0-9-]{1,32}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DOSSIER_CHANNELS = ['direct', 'online', 'postal'];
const FEEDBACK_CHANNELS = ['direct', 'online', 'postal', 'phone'];
// Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975.
const LOCAL_OFFSET_MS = 7 * 3600 * 1000;

// ---------------------------------------------------------------------------------------------
// Tiny date helpers (local calendar days in Asia/Ho_Chi_Minh)

function isCalendarDate(value: unknown): value is string {
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
function localDate(ms: number): string {
  return new Date(ms + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Parsing: one raw event -> a flat record, or null when it breaks the contract (the service
// dead-letters those, so they count nowhere).

interface Base {
  id: string;
  /** Envelope `time` in ms; -Infinity when absent (it only orders corrections). */
  time: number;
}

type Parsed =
  | (Base & {
      kind: 'received';
      dossierCode: string;
      procedureCode: string;
      unitCode: string;
      channel: string;
      receivedDate: string;
      dueDate: string;
      procedureLevel: number | null;
    })
  | (Base & { kind: 'supplementRequested'; dossierCode: string })
  | (Base & { kind: 'supplementReceived'; dossierCode: string; at: number; dueDate: string })
  | (Base & { kind: 'apology'; dossierCode: string })
  | (Base & { kind: 'resolved'; dossierCode: string; at: number })
  | (Base & { kind: 'withdrawn'; dossierCode: string; at: number })
  | (Base & { kind: 'returned'; dossierCode: string; date: string; returnChannel: string })
  | (Base & {
      kind: 'feedbackReceived';
      feedbackId: string;
      unitCode: string;
      receivedDate: string;
      dueDate: string;
      dossierCode: string | null;
    })
  | (Base & { kind: 'feedbackResolved'; feedbackId: string; at: number });

function str(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function oneOf(value: unknown, allowed: string[]): value is string {
  return typeof value === 'string' && allowed.includes(value);
}

function parse(raw: unknown): Parsed | null {
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

  switch (e.type.slice(TYPE_PREFIX.length)) {
    case 'dossier.received.v1': {
      const at = instant(data.receivedAt);
      const level = data.procedureLevel;
      if (!str(data.dossierCode) || !str(data.procedureCode) || !str(data.unitCode)) return null;
      if (!UNIT_CODE.test(data.unitCode) || !oneOf(data.channel, DOSSIER_CHANNELS)) return null;
      if (at === null || !isCalendarDate(data.dueDate)) return null;
      if (level !== undefined && level !== 2 && level !== 3 && level !== 4) return null;
      return {
        ...base,
        kind: 'received',
        dossierCode: data.dossierCode,
        procedureCode: data.procedureCode,
        unitCode: data.unitCode,
        channel: data.channel,
        receivedDate: localDate(at),
        dueDate: data.dueDate,
        procedureLevel: typeof level === 'number' ? level : null,
      };
    }
    case 'dossier.supplement_requested.v1':
      if (!str(data.dossierCode) || instant(data.requestedAt) === null) return null;
      return { ...base, kind: 'supplementRequested', dossierCode: data.dossierCode };
    case 'dossier.supplement_received.v1': {
      const at = instant(data.receivedAt);
      if (!str(data.dossierCode) || at === null || !isCalendarDate(data.dueDate)) return null;
      return {
        ...base,
        kind: 'supplementReceived',
        dossierCode: data.dossierCode,
        at,
        dueDate: data.dueDate,
      };
    }
    case 'dossier.apology_issued.v1':
      if (!str(data.dossierCode) || instant(data.issuedAt) === null || !str(data.letterNo)) return null;
      if (!str(data.reason) || !isCalendarDate(data.newDueDate)) return null;
      return { ...base, kind: 'apology', dossierCode: data.dossierCode };
    case 'dossier.resolved.v1': {
      const at = instant(data.resolvedAt);
      if (!str(data.dossierCode) || at === null || !oneOf(data.outcome, ['approved', 'rejected']))
        return null;
      return { ...base, kind: 'resolved', dossierCode: data.dossierCode, at };
    }
    case 'dossier.returned.v1': {
      const at = instant(data.returnedAt);
      if (!str(data.dossierCode) || at === null || !oneOf(data.returnChannel, DOSSIER_CHANNELS)) return null;
      return {
        ...base,
        kind: 'returned',
        dossierCode: data.dossierCode,
        date: localDate(at),
        returnChannel: data.returnChannel,
      };
    }
    case 'dossier.withdrawn.v1': {
      const at = instant(data.withdrawnAt);
      if (!str(data.dossierCode) || at === null) return null;
      return { ...base, kind: 'withdrawn', dossierCode: data.dossierCode, at };
    }
    case 'feedback.received.v1': {
      const at = instant(data.receivedAt);
      if (!str(data.feedbackId) || !str(data.unitCode) || !UNIT_CODE.test(data.unitCode)) return null;
      if (at === null || !isCalendarDate(data.dueDate) || !oneOf(data.channel, FEEDBACK_CHANNELS))
        return null;
      if (data.dossierCode !== undefined && !str(data.dossierCode)) return null;
      return {
        ...base,
        kind: 'feedbackReceived',
        feedbackId: data.feedbackId,
        unitCode: data.unitCode,
        receivedDate: localDate(at),
        dueDate: data.dueDate,
        dossierCode: data.dossierCode ?? null,
      };
    }
    case 'feedback.resolved.v1': {
      const at = instant(data.resolvedAt);
      if (!str(data.feedbackId) || at === null) return null;
      return { ...base, kind: 'feedbackResolved', feedbackId: data.feedbackId, at };
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Picking one event out of several. Ties are broken by id so that the answer never depends on the
// order of the input array (the service must not depend on arrival order either).

function latestBy<T extends { id: string }>(items: T[], key: (item: T) => number): T {
  return items.reduce((best, x) =>
    key(x) > key(best) || (key(x) === key(best) && x.id > best.id) ? x : best,
  );
}

function earliestBy<T extends { id: string }>(items: T[], key: (item: T) => number): T {
  return items.reduce((best, x) =>
    key(x) < key(best) || (key(x) === key(best) && x.id < best.id) ? x : best,
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** One dossier as §5 sees it. */
interface Dossier {
  code: string;
  unitCode: string;
  procedureCode: string;
  channel: string;
  receivedDate: string;
  dueDate: string;
  endKind: 'resolved' | 'withdrawn' | null;
  endDate: string | null;
  hasApology: boolean;
  postalReturnDates: string[];
}

/**
 * KPIs of architecture.md §5 computed from raw CloudEvents (any order, duplicates allowed).
 * `catalog` is the procedure catalog as last PUT to the service.
 */
export function computeReferenceKpis(
  events: unknown[],
  query: ReferenceKpiQuery,
  catalog: ReferenceCatalogEntry[],
): KpiResult {
  const { from, to } = query;
  const unit = query.unit ?? null;
  const procedure = query.procedure ?? null;
  const inPeriod = (date: string | null): boolean => date !== null && from <= date && date <= to;

  // 1. Validate, then deduplicate by id: the first valid copy of an id is the one that counts.
  const seen = new Set<string>();
  const parsed: Parsed[] = [];
  for (const raw of events) {
    const p = parse(raw);
    if (p === null || seen.has(p.id)) continue;
    seen.add(p.id);
    parsed.push(p);
  }

  // 2. Assemble dossiers. Only those with a dossier.received exist; their other events wait.
  const byDossier = groupBy(
    parsed.flatMap((p) => (p.kind !== 'feedbackReceived' && p.kind !== 'feedbackResolved' ? [p] : [])),
    (p) => p.dossierCode,
  );
  const dossiers = new Map<string, Dossier>();
  for (const [code, mine] of byDossier) {
    if (!mine.some((p) => p.kind === 'received')) continue;
    const receivedEvents = mine.flatMap((p) => (p.kind === 'received' ? [p] : []));
    const supplements = mine.flatMap((p) => (p.kind === 'supplementReceived' ? [p] : []));
    const ends = mine.flatMap((p) => (p.kind === 'resolved' || p.kind === 'withdrawn' ? [p] : []));
    // A correction is a second dossier.received with a later envelope time.
    const counted = latestBy(receivedEvents, (r) => r.time);
    // The supplement with the latest receivedAt restarts the clock; apologies never move it.
    const dueDate = supplements.length > 0 ? latestBy(supplements, (s) => s.at).dueDate : counted.dueDate;
    // The earliest end wins; on an exact tie of timestamps, the earliest id (contract is silent).
    const end = ends.length > 0 ? earliestBy(ends, (x) => x.at) : null;
    dossiers.set(code, {
      code,
      unitCode: counted.unitCode,
      procedureCode: counted.procedureCode,
      channel: counted.channel,
      receivedDate: counted.receivedDate,
      dueDate,
      endKind: end?.kind ?? null,
      endDate: end === null ? null : localDate(end.at),
      hasApology: mine.some((p) => p.kind === 'apology'),
      postalReturnDates: mine.flatMap((p) =>
        p.kind === 'returned' && p.returnChannel === 'postal' ? [p.date] : [],
      ),
    });
  }

  // 3. Dossier counts.
  const result: KpiResult = {
    period: { from, to, window: query.window },
    scope: { unit, procedure },
    received: { total: 0, online: 0, direct: 0, postal: 0, carriedOver: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    pending: { total: 0, withinTime: 0, overdue: 0 },
    withdrawn: 0,
    onTimeRate: null,
    apology: { lateDossiers: 0, withApology: 0, withoutApology: 0, coverage: null },
    online: { dossierRate: null, proceduresLevel3or4: 0, proceduresTotal: 0, procedureRate: null },
    postal: { received: 0, returned: 0 },
    feedback: { received: 0, resolved: 0, resolvedOnTime: 0, pending: 0, overdue: 0, onTimeRate: null },
  };

  for (const d of dossiers.values()) {
    if (unit !== null && d.unitCode !== unit) continue;
    if (procedure !== null && d.procedureCode !== procedure) continue;
    const endedBeforeFrom = d.endDate !== null && d.endDate < from;
    if (d.receivedDate > to || endedBeforeFrom) continue; // not in scope

    if (d.receivedDate < from) {
      result.received.carriedOver++;
    } else if (d.channel === 'online') {
      result.received.online++;
    } else if (d.channel === 'direct') {
      result.received.direct++;
    } else {
      result.received.postal++;
    }

    let isLate = false;
    if (d.endKind === 'resolved' && inPeriod(d.endDate)) {
      const resolvedDate = d.endDate as string;
      result.resolved.total++;
      if (resolvedDate < d.dueDate) {
        result.resolved.early++;
      } else if (resolvedDate === d.dueDate) {
        result.resolved.onTime++;
      } else {
        result.resolved.late++;
        isLate = true;
      }
    } else if (d.endKind === 'withdrawn' && inPeriod(d.endDate)) {
      result.withdrawn++;
    } else {
      // In scope and not ended in [from, to] means not ended by `to`: pending at the cut-off.
      result.pending.total++;
      if (to <= d.dueDate) {
        result.pending.withinTime++;
      } else {
        result.pending.overdue++;
        isLate = true;
      }
    }

    if (isLate) {
      result.apology.lateDossiers++;
      if (d.hasApology) result.apology.withApology++;
    }
    if (d.postalReturnDates.some(inPeriod)) result.postal.returned++;
  }

  const r = result.received;
  r.total = r.online + r.direct + r.postal + r.carriedOver;
  result.onTimeRate = ratio(result.resolved.early + result.resolved.onTime, result.resolved.total);
  result.apology.withoutApology = result.apology.lateDossiers - result.apology.withApology;
  result.apology.coverage = ratio(result.apology.withApology, result.apology.lateDossiers);
  result.online.dossierRate = ratio(r.online, r.total - r.carriedOver);
  result.postal.received = r.postal;

  // 4. Procedure catalog: the PUT list, plus unknown procedures announced by a procedureLevel in a
  // dossier.received (the latest such announcement, by envelope time, gives the level and unit).
  const procedures = new Map<string, { unitCode: string; level: number }>();
  for (const p of catalog) procedures.set(p.code, { unitCode: p.unitCode, level: p.level });
  const announced = parsed.flatMap((p) => (p.kind === 'received' && p.procedureLevel !== null ? [p] : []));
  for (const [code, announcements] of groupBy(announced, (a) => a.procedureCode)) {
    if (procedures.has(code)) continue;
    const latest = latestBy(announcements, (a) => a.time);
    procedures.set(code, { unitCode: latest.unitCode, level: latest.procedureLevel as number });
  }
  // Scoped by unit only: the contract says "for the unit, when scoped" and nothing about procedure.
  const offered = [...procedures.values()].filter((p) => unit === null || p.unitCode === unit);
  result.online.proceduresTotal = offered.length;
  result.online.proceduresLevel3or4 = offered.filter((p) => p.level === 3 || p.level === 4).length;
  result.online.procedureRate = ratio(result.online.proceduresLevel3or4, result.online.proceduresTotal);

  // 5. Feedback (PAKN), by feedbackId. Several feedback.received for one id: the latest envelope
  // time counts, as for dossiers (the contract is silent here).
  const byFeedback = groupBy(
    parsed.flatMap((p) => (p.kind === 'feedbackReceived' || p.kind === 'feedbackResolved' ? [p] : [])),
    (p) => p.feedbackId,
  );
  for (const mine of byFeedback.values()) {
    const receivedEvents = mine.flatMap((p) => (p.kind === 'feedbackReceived' ? [p] : []));
    const resolutions = mine.flatMap((p) => (p.kind === 'feedbackResolved' ? [p] : []));
    if (receivedEvents.length === 0) continue;
    const fb = latestBy(receivedEvents, (x) => x.time);
    if (unit !== null && fb.unitCode !== unit) continue;
    if (procedure !== null) {
      const linked = fb.dossierCode === null ? undefined : dossiers.get(fb.dossierCode);
      if (linked === undefined || linked.procedureCode !== procedure) continue;
    }
    const resolvedDate = resolutions.length > 0 ? localDate(earliestBy(resolutions, (x) => x.at).at) : null;

    if (inPeriod(fb.receivedDate)) result.feedback.received++;
    if (resolvedDate !== null && inPeriod(resolvedDate)) {
      result.feedback.resolved++;
      if (resolvedDate <= fb.dueDate) result.feedback.resolvedOnTime++;
    }
    const unresolvedByTo = resolvedDate === null || resolvedDate > to;
    if (fb.receivedDate <= to && unresolvedByTo) {
      // `pending` counts every open feedback; `overdue` is the part of it past its due date.
      result.feedback.pending++;
      if (to > fb.dueDate) result.feedback.overdue++;
    }
  }
  result.feedback.onTimeRate = ratio(result.feedback.resolvedOnTime, result.feedback.resolved);

  return result;
}
