import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DossierEvent, type FeedbackEvent, type TthcEvent } from '@cchc/contracts';
import { localDate } from '@cchc/calendar';
import { CalendarService } from '../calendar/calendar.service';
import { addEffectiveWorkingDays } from '../dossiers/dossier-timeline';
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
import { nextFoldState, type DossierFoldState } from '../dossiers/dossier-fold-state';

import { TTHC_CONNECTION } from '../tthc.constants';
import {
  byValidFrom,
  deleteHeld,
  readDurations,
  readProjectionInputs,
  readSubjectState,
  type ProcedureDuration,
  type ProjectionInputs,
} from './batch-reads';
import { upsertDeadLetters, type DeadLetterInput, type IngestTransport } from './dead-letter-store';
import { writeProjections } from './projection-writes';
import { decideUnitAuthority, ledgerSubjectKey, type LedgerCandidate } from './unit-authority';
import { heldCandidate, holdEvents, insertEvents, lockSubjects } from './ledger-writes';

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
      const state = await readSubjectState(
        em,
        batch.map((c) => c.event.id),
        keys,
        PROJECTION_VERSION,
        procedureCodes(batch.map((c) => c.event)),
      );
      const seen = state.seen;
      const fresh = batch.filter((c) => !seen.has(c.event.id));
      for (const c of batch) if (seen.has(c.event.id)) duplicateCandidates.push(c);

      const decision = decideUnitAuthority(fresh, state.owners);
      const newlyOwned = keys.filter((k) => !state.owners.has(k) && decision.owners.has(k));
      const releasedRows = newlyOwned.flatMap((k) => state.held.get(k) ?? []);
      await deleteHeld(
        em,
        releasedRows.map((r) => r.id),
      );
      const released = decideUnitAuthority(releasedRows.map(heldCandidate), decision.owners);

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
      // The subjects' locks are held already: no second locking pass. Under a subject's lock, the
      // ledger's events of it are those folded into its projection's fold state plus this batch's:
      // a dossier with a usable fold state is projected from it and the batch's events; a subject
      // with no stored event and no projection from the batch's events alone; only the others
      // (follow-ups stored before their received, older projections, feedback) are read back.
      const plan: ProjectionPlan = {
        read: [],
        inMemory: new Map(),
        folded: new Map(),
        before: new Map(),
        durations: state.durations,
        durationCodes: state.durationCodes,
      };
      const read = new Set<string>();
      for (const e of accepted) {
        const key = ledgerSubjectKey(e);
        const dossier = state.dossiers.get(key);
        if (dossier?.fold) {
          const entry = plan.folded.get(key);
          if (entry) entry.events.push(e);
          else plan.folded.set(key, { fold: dossier.fold, events: [e] });
          plan.before.set(dossier.before.dossierCode, dossier.before);
        } else if (state.stored.has(key) || state.owners.has(key)) read.add(key);
        else plan.inMemory.set(key, [...(plan.inMemory.get(key) ?? []), e]);
      }
      plan.read = [...read];
      const dossierChanges = await this.project(em, plan, accepted);
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

  /** Recomputes, under locks taken before, the projections of the subjects of `plan`. */
  private async project(
    em: EntityManager,
    plan: ProjectionPlan,
    accepted: TthcEvent[],
  ): Promise<IngestOutcome['dossierChanges']> {
    const keys = [...plan.read].sort();
    if (keys.length === 0 && plan.inMemory.size === 0 && plan.folded.size === 0) return [];
    // The durations of the batch's and the projected dossiers' procedures came with the subject
    // state: the stored events are read only for the subjects that need them, if any.
    const more = [
      ...plan.inMemory.values(),
      ...[...plan.folded.values()].flatMap((f) => [f.fold.events, f.events]),
    ];
    const codes = procedureCodes(more.flat()).filter((c) => !plan.durationCodes.has(c));
    const inputs: ProjectionInputs =
      keys.length > 0 || codes.length > 0
        ? await readProjectionInputs(em, keys, codes)
        : { events: new Map(), before: new Map(), durations: [], durationCodes: new Set() };
    const dossiers: DossierProjection[] = [];
    const feedback: FeedbackProjection[] = [];
    const foldStates = new Map<string, DossierFoldState>();
    // Every dossier is projected from its compacted events: the same projection as from all of
    // them (dossier-fold-state.ts), and the fold state stored for its next events.
    const addDossier = (fold: DossierFoldState) => {
      const p = projectDossier(fold.events, this.calendar.calendar);
      if (p) {
        dossiers.push(p);
        foldStates.set(p.dossierCode, fold);
      }
    };
    for (const [key, list] of [...inputs.events, ...plan.inMemory]) {
      if (key.startsWith('d:')) addDossier(nextFoldState(null, list.map(stored) as StoredDossierEvent[]));
      else {
        const p = projectFeedback(list.map(stored) as StoredFeedbackEvent[]);
        if (p) feedback.push(p);
      }
    }
    for (const { fold, events } of plan.folded.values())
      addDossier(nextFoldState(fold, events.map(stored) as StoredDossierEvent[]));
    const missing = [...new Set(dossiers.map((d) => d.procedureCode))].filter(
      (c) => !inputs.durationCodes.has(c) && !plan.durationCodes.has(c),
    );
    const durations = [...plan.durations, ...inputs.durations, ...(await readDurations(em, missing))].sort(
      byValidFrom,
    );
    this.checkDueDates(durations, dossiers);
    await writeProjections(em, dossiers, feedback, accepted, PROJECTION_VERSION, foldStates);
    const before = new Map([...plan.before, ...inputs.before]);
    return dossiers.map((after) => ({ before: before.get(after.dossierCode) ?? null, after }));
  }

  /** Locks the subjects (another transaction than a batch's), then recomputes their projections. */
  private async reprojectKeys(em: EntityManager, subjectKeys: string[]): Promise<void> {
    const keys = [...subjectKeys].sort();
    if (keys.length === 0) return;
    await lockSubjects(em, keys);
    await this.project(
      em,
      {
        read: keys,
        inMemory: new Map(),
        folded: new Map(),
        before: new Map(),
        durations: [],
        durationCodes: new Set(),
      },
      [],
    );
  }

  /**
   * Flags a due date later than the procedure's duration allows: `duration` working days after the
   * day the clock started (Civil Code Art. 147: that day is not counted), one more when the dossier
   * came in after 15:00 (Decree 61/2018 Art. 18 hands it over the next working day). The clock
   * starts at receipt and again at each supplement receipt (Decree 61/2018 Art. 19.4); the duration
   * is the catalog version's in force on the receipt date. Outside the calendar's years, Monday to
   * Friday is assumed (and the dossier carries the `date-outside-calendar` anomaly).
   */
  private checkDueDates(rows: readonly ProcedureDuration[], dossiers: DossierProjection[]): void {
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

/**
 * How a batch's subjects are projected: `read` from all their stored events; `inMemory` from this
 * batch's events alone (no stored event before); `folded` from the dossier's fold state and this
 * batch's events. `before`: previous projections already read (by dossier code).
 */
interface ProjectionPlan {
  read: string[];
  inMemory: Map<string, TthcEvent[]>;
  folded: Map<string, { fold: DossierFoldState; events: TthcEvent[] }>;
  before: Map<string, DossierProjection>;
  /** Procedure durations read already, and the codes they were read for. */
  durations: ProcedureDuration[];
  durationCodes: Set<string>;
}

/** The procedure codes some events name, sorted and distinct. */
function procedureCodes(events: ReadonlyArray<Pick<TthcEvent, 'data'>>): string[] {
  const codes = new Set<string>();
  for (const e of events) if ('procedureCode' in e.data) codes.add(e.data.procedureCode);
  return [...codes].sort();
}

function stored(e: TthcEvent): Pick<DossierEvent | FeedbackEvent, 'id' | 'type' | 'time' | 'data'> {
  return { id: e.id, type: e.type, time: e.time, data: e.data };
}
