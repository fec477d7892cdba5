// Reference implementation of the TTHC KPIs (architecture.md §5, revision 2), computed straight
// from the raw CloudEvents. It is the ground truth the acceptance test holds the tthc-metrics
// service against, so it is deliberately naive (a few passes over an array, no state, no
// cleverness) and shares no code with services/**: only the contract types.
import type { KpiResult, KpiWindow } from '@cchc/contracts';
import {
  assembleDossiers,
  bucketOf,
  dueDateAt,
  lastWorkingDayBefore,
  versionAt,
  WEEKDAY_CALENDAR,
  type ReferenceCalendar,
  type ReferenceCatalogEntry,
  type ReferenceDossier,
} from './reference-dossiers';
import { earliestBy, groupBy, latestBy, parseAll, ratio, type Parsed } from './reference-events';

export type { ReferenceCalendar, ReferenceCatalogEntry } from './reference-dossiers';
export { WEEKDAY_CALENDAR } from './reference-dossiers';

export interface ReferenceKpiQuery {
  /** First day of the period, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day of the period, YYYY-MM-DD (inclusive). */
  to: string;
  window: KpiWindow;
  unit?: string;
  procedure?: string;
}

/** One PAKN as §5 sees it: the latest feedback.received (envelope time), its earliest resolution. */
export interface ReferenceFeedback {
  unitCode: string;
  receivedDate: string;
  dueDate: string;
  dossierCode: string | null;
  resolvedDate: string | null;
  satisfaction: string | null;
}

export function assembleFeedback(parsed: Parsed[]): ReferenceFeedback[] {
  const records = parsed.flatMap((p) =>
    p.kind === 'feedbackReceived' || p.kind === 'feedbackResolved' ? [p] : [],
  );
  const out: ReferenceFeedback[] = [];
  for (const mine of groupBy(records, (p) => p.feedbackId).values()) {
    const receivedEvents = mine.flatMap((p) => (p.kind === 'feedbackReceived' ? [p] : []));
    const resolutions = mine.flatMap((p) => (p.kind === 'feedbackResolved' ? [p] : []));
    if (receivedEvents.length === 0) continue;
    const fb = latestBy(receivedEvents, (x) => x.time);
    const resolution = resolutions.length > 0 ? earliestBy(resolutions, (x) => x.at) : null;
    out.push({
      unitCode: fb.unitCode,
      receivedDate: fb.date,
      dueDate: fb.dueDate,
      dossierCode: fb.dossierCode,
      resolvedDate: resolution?.date ?? null,
      satisfaction: resolution?.satisfaction ?? null,
    });
  }
  return out;
}

/**
 * The procedures of the catalog in force at `to` (per code, the latest version with validFrom ≤
 * to), plus those only announced by a procedureLevel in a dossier.received for a code the catalog
 * does not know (the latest announcement by envelope time gives level and unit).
 */
export function proceduresAt(
  parsed: Parsed[],
  catalog: ReferenceCatalogEntry[],
  to: string,
): ReferenceCatalogEntry[] {
  const out: ReferenceCatalogEntry[] = [];
  for (const code of new Set(catalog.map((p) => p.code))) {
    const version = versionAt(catalog, code, to);
    if (version) out.push(version);
  }
  const known = new Set(catalog.map((p) => p.code));
  const announced = parsed.flatMap((p) => (p.kind === 'received' && p.procedureLevel !== null ? [p] : []));
  for (const [code, announcements] of groupBy(announced, (a) => a.procedureCode)) {
    if (known.has(code)) continue;
    const latest = latestBy(announcements, (a) => a.time);
    out.push({ code, unitCode: latest.unitCode, level: latest.procedureLevel as number });
  }
  return out;
}

/** In-scope dossiers (unit, procedure) with their §5 bucket for the period. */
export function scopedDossiers(
  dossiers: Map<string, ReferenceDossier>,
  query: ReferenceKpiQuery,
): Array<{ d: ReferenceDossier; bucket: NonNullable<ReturnType<typeof bucketOf>> }> {
  const out = [];
  for (const d of dossiers.values()) {
    if (query.unit !== undefined && d.unitCode !== query.unit) continue;
    if (query.procedure !== undefined && d.procedureCode !== query.procedure) continue;
    const bucket = bucketOf(d, query.from, query.to);
    if (bucket !== null) out.push({ d, bucket });
  }
  return out;
}

/**
 * KPIs of architecture.md §5 computed from raw CloudEvents (any order, duplicates allowed).
 * `catalog` is the procedure catalog as last PUT to the service; `calendar` the working calendar
 * the service uses (for the apology deadline and the anomalies).
 */
export function computeReferenceKpis(
  events: unknown[],
  query: ReferenceKpiQuery,
  catalog: ReferenceCatalogEntry[],
  calendar: ReferenceCalendar = WEEKDAY_CALENDAR,
): KpiResult {
  const { from, to } = query;
  const unit = query.unit ?? null;
  const procedure = query.procedure ?? null;
  const inPeriod = (date: string | null): boolean => date !== null && from <= date && date <= to;
  const parsed = parseAll(events);
  const dossiers = assembleDossiers(parsed, catalog, calendar);

  const result: KpiResult = {
    period: { from, to, window: query.window },
    scope: { unit, procedure },
    received: { total: 0, online: 0, direct: 0, postal: 0, carriedOver: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    pending: { total: 0, withinTime: 0, awaitingSupplement: 0, overdue: 0 },
    withdrawn: 0,
    onTimeRate: null,
    apology: {
      lateDossiers: 0,
      withApology: 0,
      withoutApology: 0,
      coverage: null,
      inTime: 0,
      inTimeRate: null,
    },
    online: { dossierRate: null, proceduresLevel3or4: 0, proceduresTotal: 0, procedureRate: null },
    postal: { received: 0, returned: 0 },
    feedback: { received: 0, resolved: 0, resolvedOnTime: 0, pending: 0, overdue: 0, onTimeRate: null },
    dataQuality: { anomalies: 0 },
  };

  for (const { d, bucket } of scopedDossiers(dossiers, query)) {
    if (d.receivedDate < from) result.received.carriedOver++;
    else if (d.channel === 'online') result.received.online++;
    else if (d.channel === 'direct') result.received.direct++;
    else result.received.postal++;

    if (bucket === 'early' || bucket === 'onTime' || bucket === 'late') {
      result.resolved.total++;
      result.resolved[bucket]++;
    } else if (bucket === 'withdrawn') {
      result.withdrawn++;
    } else {
      result.pending.total++;
      if (bucket === 'awaiting') result.pending.awaitingSupplement++;
      else result.pending[bucket]++;
    }

    if (bucket === 'late' || bucket === 'overdue') {
      result.apology.lateDossiers++;
      // Revision 2: only letters dated ≤ to; the first must be dated on or before the last working
      // day before the due date in force when it was written (Decree 61/2018 Art. 19.9).
      const letters = d.apologies.filter((x) => x.date <= to);
      if (letters.length > 0) {
        result.apology.withApology++;
        const first = earliestBy(d.apologies, (x) => x.at);
        if (first.date <= to && first.date <= lastWorkingDayBefore(calendar, dueDateAt(d, first.at))) {
          result.apology.inTime++;
        }
      }
    }
    if (d.postalReturnDates.some(inPeriod)) result.postal.returned++;
    if (d.anomalies.size > 0) result.dataQuality.anomalies++;
  }

  const r = result.received;
  r.total = r.online + r.direct + r.postal + r.carriedOver;
  result.onTimeRate = ratio(result.resolved.early + result.resolved.onTime, result.resolved.total);
  const a = result.apology;
  a.withoutApology = a.lateDossiers - a.withApology;
  a.coverage = ratio(a.withApology, a.lateDossiers);
  a.inTimeRate = ratio(a.inTime, a.lateDossiers);
  result.online.dossierRate = ratio(r.online, r.total - r.carriedOver);
  result.postal.received = r.postal;

  // Procedures: the catalog version in force at `to`, for the unit and the procedure when scoped.
  const offered = proceduresAt(parsed, catalog, to).filter(
    (p) => (unit === null || p.unitCode === unit) && (procedure === null || p.code === procedure),
  );
  result.online.proceduresTotal = offered.length;
  result.online.proceduresLevel3or4 = offered.filter((p) => p.level === 3 || p.level === 4).length;
  result.online.procedureRate = ratio(result.online.proceduresLevel3or4, result.online.proceduresTotal);

  // Feedback (PAKN), by feedbackId.
  for (const fb of assembleFeedback(parsed)) {
    if (unit !== null && fb.unitCode !== unit) continue;
    if (procedure !== null) {
      const linked = fb.dossierCode === null ? undefined : dossiers.get(fb.dossierCode);
      if (linked === undefined || linked.procedureCode !== procedure) continue;
    }
    if (inPeriod(fb.receivedDate)) result.feedback.received++;
    if (inPeriod(fb.resolvedDate)) {
      result.feedback.resolved++;
      if ((fb.resolvedDate as string) <= fb.dueDate) result.feedback.resolvedOnTime++;
    }
    if (fb.receivedDate <= to && (fb.resolvedDate === null || fb.resolvedDate > to)) {
      // `pending` counts every open feedback; `overdue` is the part of it past its due date.
      result.feedback.pending++;
      if (to > fb.dueDate) result.feedback.overdue++;
    }
  }
  result.feedback.onTimeRate = ratio(result.feedback.resolvedOnTime, result.feedback.resolved);
  return result;
}
