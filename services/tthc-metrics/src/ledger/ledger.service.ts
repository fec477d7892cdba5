import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DossierEvent, type FeedbackEvent, type TthcEvent } from '@cchc/contracts';
import { localDate } from '@cchc/calendar';
import { CalendarService } from '../calendar/calendar.service';
import { addEffectiveWorkingDays, multirangeLiteral } from '../dossiers/dossier-timeline';
import {
  DOSSIER_ANOMALIES,
  projectDossier,
  type DossierAnomaly,
  projectFeedback,
  type DossierProjection,
  type FeedbackProjection,
  type StoredDossierEvent,
  type StoredFeedbackEvent,
} from '../dossiers/dossier-projection';

import { TTHC_CONNECTION } from '../tthc.constants';
import { upsertDeadLetters, type DeadLetterInput, type IngestTransport } from './dead-letter-store';
import {
  decideUnitAuthority,
  ledgerSubjectKey,
  type LedgerCandidate,
  type SenderUnits,
} from './unit-authority';

/** Version of the projection written by this code; older rows are recomputed at start-up. */
export const PROJECTION_VERSION = 2;

export type { DeadLetterInput, IngestTransport } from './dead-letter-store';
export { ledgerSubjectKey } from './unit-authority';
export type { LedgerCandidate, SenderUnits } from './unit-authority';

/** What one committed batch changed, for the metrics. */
export interface IngestOutcome {
  /** Applied to the projections: this batch's events and follow-ups released from hold. */
  accepted: TthcEvent[];
  duplicates: TthcEvent[];
  dossierChanges: Array<{ before: DossierProjection | null; after: DossierProjection }>;
}

/** Where each candidate of one `store` call ended (all durable once the call returns). */
export interface StoreOutcome<C extends LedgerCandidate = LedgerCandidate> extends IngestOutcome {
  /** Candidates of this call applied now. */
  applied: C[];
  /** Follow-ups kept until their received event arrives. */
  held: C[];
  /** Candidates whose id the ledger already had (now or ever). */
  duplicateCandidates: C[];
  /** Refused for unit authority, dead-lettered with `unit mismatch`. */
  refused: Array<{ candidate: LedgerCandidate; error: string }>;
}

interface HeldRow {
  id: string;
  sender_units: string[] | null;
  envelope: TthcEvent;
  transport: IngestTransport;
  subject: string | null;
}

/**
 * The dossier ledger: every accepted event stored once, and the per-dossier / per-feedback
 * projections recomputed from the full set of a subject's events in the same transaction. Because a
 * projection is a function of the set, arrival order, duplicates and late events never change it.
 */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource,
    private readonly calendar: CalendarService,
  ) {}

  /**
   * Stores a batch durably (one transaction) and updates the projections it touches: trusted
   * callers (the bench, an admin re-drive) that may speak for any unit.
   */
  async ingest(
    events: readonly TthcEvent[],
    transport: IngestTransport,
    deadLetters: DeadLetterInput[] = [],
  ): Promise<StoreOutcome> {
    return this.store(
      events.map((event) => ({
        event,
        senderUnits: null,
        transport,
        subject: null,
        payload: JSON.stringify(event),
      })),
      deadLetters,
    );
  }

  /**
   * The ledger's one write path (architecture.md §4 rev. 2), in one transaction under the locks of
   * every subject the batch touches: event ids seen before (ever, in the ledger or on hold) are
   * duplicates; unit authority decides between apply, hold and refuse; held follow-ups of a
   * subject whose received event arrives now are checked and applied or refused; the projections
   * of the applied subjects are recomputed; dead letters are written. Either all of it is durable
   * or none of it (then the caller must not acknowledge anything).
   */
  async store<C extends LedgerCandidate>(
    candidates: readonly C[],
    deadLetters: readonly DeadLetterInput[] = [],
  ): Promise<StoreOutcome<C>> {
    const unique = new Map<string, C>();
    const duplicateCandidates: C[] = [];
    for (const c of candidates) {
      if (unique.has(c.event.id)) duplicateCandidates.push(c);
      else unique.set(c.event.id, c);
    }
    return this.db.transaction(async (em) => {
      const batch = [...unique.values()];
      const keys = [...new Set(batch.map((c) => ledgerSubjectKey(c.event)))].sort();
      // Replicas may write events of one subject at the same time: serialise per subject (locks
      // taken in one global order, so two batches cannot deadlock) before reading anything.
      if (keys.length > 0) await lockSubjects(em, keys);
      const seen = await seenIds(
        em,
        batch.map((c) => c.event.id),
      );
      const fresh = batch.filter((c) => !seen.has(c.event.id));
      for (const c of batch) if (seen.has(c.event.id)) duplicateCandidates.push(c);

      const owners = await subjectOwners(em, keys);
      const decision = decideUnitAuthority(fresh, owners);
      const newlyOwned = keys.filter((k) => !owners.has(k) && decision.owners.has(k));
      const released = decideUnitAuthority(await releaseHeld(em, newlyOwned), decision.owners);

      const toApply: LedgerCandidate[] = [...decision.apply, ...released.apply];
      const inserted = await insertEvents(em, toApply);
      const applied = decision.apply.filter((c) => inserted.has(c.event.id));
      for (const c of decision.apply) if (!inserted.has(c.event.id)) duplicateCandidates.push(c);
      await holdEvents(em, decision.hold);
      const refused = [...decision.refuse, ...released.refuse];
      await upsertDeadLetters(em, [
        ...deadLetters,
        ...refused.map(({ candidate, error }) => ({
          eventId: candidate.event.id,
          transport: candidate.transport,
          subject: candidate.subject,
          reason: 'unit_mismatch',
          errors: [error],
          payload: candidate.payload,
        })),
      ]);
      const accepted = toApply.filter((c) => inserted.has(c.event.id)).map((c) => c.event);
      const dossierChanges = await this.reproject(em, accepted);
      await recordProcedureAnnouncements(em, accepted);
      return {
        accepted,
        duplicates: duplicateCandidates.map((c) => c.event),
        dossierChanges,
        applied,
        held: decision.hold,
        duplicateCandidates,
        refused,
      };
    });
  }

  async recordDeadLetters(entries: DeadLetterInput[]): Promise<void> {
    if (entries.length > 0) await this.db.transaction((em) => upsertDeadLetters(em, entries));
  }

  /** Throws when the database cannot be reached (the consumer's "transient or poison?" question). */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** The unit of each known dossier / feedback (for unit-scope checks of follow-up events). */
  async knownUnits(keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{ key: string; unit_code: string }> = await this.db.query(
      `SELECT 'd:' || dossier_code AS key, unit_code FROM tthc.dossier WHERE 'd:' || dossier_code = ANY($1)
       UNION ALL
       SELECT 'f:' || feedback_id, unit_code FROM tthc.feedback WHERE 'f:' || feedback_id = ANY($1)`,
      [keys],
    );
    return new Map(rows.map((r) => [r.key, r.unit_code]));
  }

  private async reproject(
    em: EntityManager,
    accepted: TthcEvent[],
  ): Promise<IngestOutcome['dossierChanges']> {
    return this.reprojectKeys(em, [...new Set(accepted.map(ledgerSubjectKey))]);
  }

  private async reprojectKeys(
    em: EntityManager,
    subjectKeys: string[],
  ): Promise<IngestOutcome['dossierChanges']> {
    const keys = [...subjectKeys].sort();
    if (keys.length === 0) return [];
    // Replicas may write events of one dossier at the same time: serialise per subject (locks taken
    // in one global order, so two batches cannot deadlock) and read the events after the lock.
    await em.query(
      `SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS s`,
      [keys],
    );
    const rows: Array<{ subject_key: string; envelope: TthcEvent }> = await em.query(
      `SELECT subject_key, envelope FROM tthc.event WHERE subject_key = ANY($1)`,
      [keys],
    );
    const bySubject = new Map<string, TthcEvent[]>();
    for (const r of rows) {
      const list = bySubject.get(r.subject_key) ?? [];
      list.push(r.envelope);
      bySubject.set(r.subject_key, list);
    }
    const dossierCodes = keys.filter((k) => k.startsWith('d:')).map((k) => k.slice(2));
    const before = await loadDossiers(em, dossierCodes);
    const dossiers: DossierProjection[] = [];
    const feedback: FeedbackProjection[] = [];
    for (const [key, list] of bySubject) {
      if (key.startsWith('d:')) {
        const p = projectDossier(list.map(stored) as StoredDossierEvent[], this.calendar.calendar);
        if (p) dossiers.push(p);
      } else {
        const p = projectFeedback(list.map(stored) as StoredFeedbackEvent[]);
        if (p) feedback.push(p);
      }
    }
    await this.checkDueDates(em, dossiers);
    await upsertDossiers(em, dossiers);
    await upsertFeedback(em, feedback);
    return dossiers.map((after) => ({ before: before.get(after.dossierCode) ?? null, after }));
  }

  /**
   * Flags a due date later than the procedure's duration allows: `duration` working days after the
   * day the clock started (Civil Code Art. 147: that day is not counted), one more when the dossier
   * came in after 15:00 (Decree 61/2018 Art. 18 hands it over the next working day). The clock
   * starts at receipt and again at each supplement receipt (Decree 61/2018 Art. 19.4); the duration
   * is the catalog version's in force on the receipt date. Outside the calendar's years, Monday to
   * Friday is assumed (and the dossier carries the `date-outside-calendar` anomaly).
   */
  private async checkDueDates(em: EntityManager, dossiers: DossierProjection[]): Promise<void> {
    const codes = [...new Set(dossiers.map((d) => d.procedureCode))];
    if (codes.length === 0) return;
    const rows: Array<{ code: string; d: number; valid_from: string }> = await em.query(
      `SELECT code, duration_working_days AS d, valid_from::text FROM tthc.procedure
       WHERE code = ANY($1) AND duration_working_days IS NOT NULL ORDER BY valid_from`,
      [codes],
    );
    const cal = this.calendar.calendar;
    for (const d of dossiers) {
      // Rows are ordered by valid_from ('-infinity' first): the last one not after receipt wins.
      const days = rows
        .filter(
          (r) =>
            r.code === d.procedureCode && (r.valid_from === '-infinity' || r.valid_from <= d.receivedDate),
        )
        .at(-1)?.d;
      if (days === undefined) continue;
      const beyond = d.clockStarts.some((start) => {
        const hour = Number(new Date(Date.parse(start.at) + 7 * 3600_000).toISOString().slice(11, 13));
        const limit = addEffectiveWorkingDays(cal, localDate(start.at), Number(days) + (hour >= 15 ? 1 : 0));
        return start.dueDate > limit;
      });
      if (beyond) {
        const set = new Set<DossierAnomaly>([...d.anomalies, 'due-date-beyond-duration']);
        d.anomalies = DOSSIER_ANOMALIES.filter((code) => set.has(code));
      }
    }
  }

  /**
   * Recomputes the projections written by an older projection (the revision-2 migration marks
   * them), from their stored events, in batches. Returns how many were recomputed.
   */
  async reprojectStale(batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const keys: Array<{ key: string }> = await this.db.query(
        `SELECT 'd:' || dossier_code AS key FROM tthc.dossier WHERE projection_version < $1
         UNION ALL SELECT 'f:' || feedback_id FROM tthc.feedback WHERE projection_version < $1
         LIMIT $2`,
        [PROJECTION_VERSION, batchSize],
      );
      if (keys.length === 0) return total;
      await this.db.transaction((em) =>
        this.reprojectKeys(
          em,
          keys.map((k) => k.key),
        ),
      );
      total += keys.length;
    }
  }
}

function stored(e: TthcEvent): Pick<DossierEvent | FeedbackEvent, 'id' | 'type' | 'time' | 'data'> {
  return { id: e.id, type: e.type, time: e.time, data: e.data };
}

async function insertEvents(em: EntityManager, candidates: LedgerCandidate[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const events = candidates.map((c) => c.event);
  // One multi-row INSERT … ON CONFLICT DO NOTHING for the whole batch; RETURNING tells the new ids.
  const rows: Array<{ id: string }> = await em.query(
    `INSERT INTO tthc.event (id, type, subject_key, unit_code, time, source, envelope, transport)
     SELECT id, type, subject_key, unit_code, time, source, envelope::jsonb, transport
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
       AS t(id, type, subject_key, unit_code, time, source, envelope, transport)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map(ledgerSubjectKey),
      events.map((e) => ('unitCode' in e.data ? e.data.unitCode : null)),
      events.map((e) => e.time),
      events.map((e) => e.source),
      events.map((e) => JSON.stringify(e)),
      candidates.map((c) => c.transport),
    ],
  );
  return new Set(rows.map((r) => r.id));
}

async function lockSubjects(em: EntityManager, keys: string[]): Promise<void> {
  await em.query(
    `SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS s`,
    [keys],
  );
}

/** Ids the ledger has ever taken: applied or on hold (exact duplicate detection, forever). */
async function seenIds(em: EntityManager, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows: Array<{ id: string }> = await em.query(
    `SELECT id FROM tthc.event WHERE id = ANY($1) UNION ALL SELECT id FROM tthc.held_event WHERE id = ANY($1)`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** The unit owning each subject already projected (its received event applied). */
async function subjectOwners(em: EntityManager, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows: Array<{ key: string; unit_code: string }> = await em.query(
    `SELECT 'd:' || dossier_code AS key, unit_code FROM tthc.dossier WHERE 'd:' || dossier_code = ANY($1)
     UNION ALL
     SELECT 'f:' || feedback_id, unit_code FROM tthc.feedback WHERE 'f:' || feedback_id = ANY($1)`,
    [keys],
  );
  return new Map(rows.map((r) => [r.key, r.unit_code]));
}

async function holdEvents(em: EntityManager, held: LedgerCandidate[]): Promise<void> {
  if (held.length === 0) return;
  await em.query(
    `INSERT INTO tthc.held_event (id, subject_key, sender_units, envelope, transport, subject)
     SELECT id, subject_key, CASE WHEN units IS NULL THEN NULL ELSE string_to_array(units, ',') END,
       envelope::jsonb, transport, subject
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS t(id, subject_key, units, envelope, transport, subject)
     ON CONFLICT (id) DO NOTHING`,
    [
      held.map((c) => c.event.id),
      held.map((c) => ledgerSubjectKey(c.event)),
      // Unit codes are [a-z0-9-]: a comma cannot occur in one.
      held.map((c) => (c.senderUnits === null ? null : c.senderUnits.join(','))),
      held.map((c) => JSON.stringify(c.event)),
      held.map((c) => c.transport),
      held.map((c) => c.subject),
    ],
  );
}

/** Takes the held follow-ups of subjects that just got their owner, to be checked now. */
async function releaseHeld(em: EntityManager, keys: string[]): Promise<LedgerCandidate[]> {
  if (keys.length === 0) return [];
  const rows: HeldRow[] = await em.query(
    // Through a CTE: TypeORM returns [rows, count] for a bare DELETE … RETURNING.
    `WITH released AS (DELETE FROM tthc.held_event WHERE subject_key = ANY($1)
       RETURNING id, sender_units, envelope, transport, subject)
     SELECT * FROM released`,
    [keys],
  );
  return rows.map((r) => ({
    event: r.envelope,
    senderUnits: r.sender_units satisfies SenderUnits,
    transport: r.transport,
    subject: r.subject,
    payload: JSON.stringify(r.envelope),
  }));
}

async function loadDossiers(em: EntityManager, codes: string[]): Promise<Map<string, DossierProjection>> {
  if (codes.length === 0) return new Map();
  const rows: Array<Record<string, unknown>> = await em.query(
    `SELECT dossier_code, unit_code, channel, due_date::text, end_kind, end_date::text, has_apology
     FROM tthc.dossier WHERE dossier_code = ANY($1)`,
    [codes],
  );
  // Only the fields the metrics compare are loaded.
  return new Map(
    rows.map((r) => [
      r.dossier_code as string,
      {
        dossierCode: r.dossier_code,
        unitCode: r.unit_code,
        channel: r.channel,
        dueDate: r.due_date,
        resolvedDate: r.end_kind === 'resolved' ? r.end_date : null,
        withdrawnDate: r.end_kind === 'withdrawn' ? r.end_date : null,
        hasApology: r.has_apology,
      } as DossierProjection,
    ]),
  );
}

async function upsertDossiers(em: EntityManager, ds: DossierProjection[]): Promise<void> {
  if (ds.length === 0) return;
  // Arrays of arrays do not pass through unnest: array-valued columns travel as PostgreSQL literals.
  const columns: Array<[string, string, (d: DossierProjection) => unknown]> = [
    ['dossier_code', 'text', (d) => d.dossierCode],
    ['unit_code', 'text', (d) => d.unitCode],
    ['procedure_code', 'text', (d) => d.procedureCode],
    ['channel', 'text', (d) => d.channel],
    ['procedure_level', 'smallint', (d) => d.procedureLevel],
    ['received_at', 'timestamptz', (d) => d.receivedAt],
    ['received_date', 'date', (d) => d.receivedDate],
    ['due_date', 'date', (d) => d.dueDate],
    ['rescheduled_due_date', 'date', (d) => d.rescheduledDueDate],
    ['end_kind', 'text', (d) => (d.resolvedDate ? 'resolved' : d.withdrawnDate ? 'withdrawn' : null)],
    ['end_date', 'date', (d) => d.resolvedDate ?? d.withdrawnDate],
    ['outcome', 'text', (d) => d.outcome],
    ['has_apology', 'boolean', (d) => d.hasApology],
    ['apology_count', 'int', (d) => d.apologyCount],
    ['supplement_request_count', 'int', (d) => d.supplementRequestCount],
    ['postal_return_dates', 'date[]', (d) => `{${d.postalReturnDates.join(',')}}`],
    ['anomalies', 'text[]', (d) => `{${d.anomalies.join(',')}}`],
    ['original_due_date', 'date', (d) => d.originalDueDate],
    ['due_change_dates', 'date[]', (d) => `{${d.timeline.dueChanges.map((c) => c.date).join(',')}}`],
    ['due_change_values', 'date[]', (d) => `{${d.timeline.dueChanges.map((c) => c.dueDate).join(',')}}`],
    ['late_by_supplement_from', 'date', (d) => d.timeline.lateBySupplementFrom],
    ['awaiting_supplement', 'datemultirange', (d) => multirangeLiteral(d.timeline.awaitingRanges)],
    ['due_date_at_end', 'date', (d) => d.dueDateAtEnd],
    ['first_apology_date', 'date', (d) => d.firstApologyDate],
    ['first_apology_in_time', 'boolean', (d) => d.firstApologyInTime],
    ['digitized', 'boolean', (d) => d.digitized],
    ['reused_data', 'boolean', (d) => d.reusedData],
    ['e_result', 'boolean', (d) => d.eResult],
    ['first_online_payment_date', 'date', (d) => d.firstOnlinePaymentDate],
    ['first_dissatisfied_date', 'date', (d) => d.firstDissatisfiedDate],
    ['projection_version', 'smallint', () => PROJECTION_VERSION],
  ];
  const names = columns.map(([name]) => name);
  // Array-valued columns are sent as text[] of literals and cast back per row.
  const wire = (type: string) => (type.endsWith('[]') || type === 'datemultirange' ? 'text' : type);
  await em.query(
    `INSERT INTO tthc.dossier (${names.join(', ')}, updated_at)
     SELECT ${columns.map(([name, type]) => (wire(type) === type ? name : `${name}::${type}`)).join(', ')}, now()
     FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${wire(type)}[]`).join(', ')}) AS t(${names.join(', ')})
     ON CONFLICT (dossier_code) DO UPDATE SET
       ${names
         .filter((n) => n !== 'dossier_code')
         .map((n) => `${n} = EXCLUDED.${n}`)
         .join(', ')}, updated_at = now()`,
    columns.map(([, , value]) => ds.map(value)),
  );
}

async function upsertFeedback(em: EntityManager, fs: FeedbackProjection[]): Promise<void> {
  if (fs.length === 0) return;
  await em.query(
    `INSERT INTO tthc.feedback (feedback_id, unit_code, channel, received_date, due_date, resolved_date, dossier_code,
       satisfaction, projection_version, updated_at)
     SELECT *, ${PROJECTION_VERSION}, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::date[], $7::text[], $8::text[])
     ON CONFLICT (feedback_id) DO UPDATE SET unit_code = EXCLUDED.unit_code, channel = EXCLUDED.channel,
       received_date = EXCLUDED.received_date, due_date = EXCLUDED.due_date, resolved_date = EXCLUDED.resolved_date,
       dossier_code = EXCLUDED.dossier_code, satisfaction = EXCLUDED.satisfaction,
       projection_version = EXCLUDED.projection_version, updated_at = now()`,
    [
      fs.map((f) => f.feedbackId),
      fs.map((f) => f.unitCode),
      fs.map((f) => f.channel),
      fs.map((f) => f.receivedDate),
      fs.map((f) => f.dueDate),
      fs.map((f) => f.resolvedDate),
      fs.map((f) => f.dossierCode),
      fs.map((f) => f.satisfaction),
    ],
  );
}

async function recordProcedureAnnouncements(em: EntityManager, accepted: TthcEvent[]): Promise<void> {
  // architecture.md §5: a procedureLevel for a procedure the catalog does not know adds it; the
  // latest announcement (by envelope time) gives its level and unit.
  const latest = new Map<string, { unit: string; level: number; time: string }>();
  for (const e of accepted) {
    if (e.type !== 'vn.cchc.tthc.dossier.received.v1' || e.data.procedureLevel === undefined) continue;
    const prev = latest.get(e.data.procedureCode);
    if (!prev || Date.parse(e.time) > Date.parse(prev.time)) {
      latest.set(e.data.procedureCode, { unit: e.data.unitCode, level: e.data.procedureLevel, time: e.time });
    }
  }
  if (latest.size === 0) return;
  const codes = [...latest.keys()];
  await em.query(
    `INSERT INTO tthc.procedure_announcement (code, unit_code, level, announced_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::timestamptz[])
     ON CONFLICT (code) DO UPDATE SET unit_code = EXCLUDED.unit_code, level = EXCLUDED.level,
       announced_at = EXCLUDED.announced_at
     WHERE tthc.procedure_announcement.announced_at < EXCLUDED.announced_at`,
    [
      codes,
      codes.map((c) => latest.get(c)!.unit),
      codes.map((c) => latest.get(c)!.level),
      codes.map((c) => latest.get(c)!.time),
    ],
  );
}
