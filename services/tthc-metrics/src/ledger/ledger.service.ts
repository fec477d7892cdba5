import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TthcEvent } from '@cchc/contracts';
import { CalendarService } from '../calendar/calendar.service';
import type { DossierProjection } from '../dossiers/dossier-projection';
import { TTHC_CONNECTION } from '../tthc.constants';
import { deleteHeld, readSubjectState } from './batch-reads';
import { upsertDeadLetters, type DeadLetterInput, type IngestTransport } from './dead-letter-store';
import { heldCandidate, holdEvents, insertEvents, lockSubjects } from './ledger-writes';
import { procedureCodes, projectPlan, type ProjectionPlan } from './projector';
import { decideUnitAuthority, ledgerSubjectKey, type LedgerCandidate } from './unit-authority';

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
      const dossierChanges = await projectPlan(
        em,
        plan,
        accepted,
        this.calendar.calendar,
        PROJECTION_VERSION,
      );
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

  /** Locks the subjects (another transaction than a batch's), then recomputes their projections. */
  private async reprojectKeys(em: EntityManager, subjectKeys: string[]): Promise<void> {
    const keys = [...subjectKeys].sort();
    if (keys.length === 0) return;
    await lockSubjects(em, keys);
    await projectPlan(
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
      this.calendar.calendar,
      PROJECTION_VERSION,
    );
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
