import type { EntityManager } from 'typeorm';
import { type DossierEvent, type FeedbackEvent, type TthcEvent } from '@cchc/contracts';
import { localDate } from '@cchc/calendar';
import { addEffectiveWorkingDays, type WorkingDays } from '../dossiers/dossier-timeline';
import {
  DOSSIER_ANOMALIES,
  projectDossier,
  type DossierAnomaly,
  type DossierProjection,
} from '../dossiers/dossier-projection';
import { projectFeedback, type FeedbackProjection } from '../dossiers/feedback-projection';
import type { StoredDossierEvent, StoredFeedbackEvent } from '../dossiers/stored-events';
import { nextFoldState, type DossierFoldState } from '../dossiers/dossier-fold-state';
import {
  byValidFrom,
  readDurations,
  readProjectionInputs,
  type ProcedureDuration,
  type ProjectionInputs,
} from './batch-reads';
import { writeProjections } from './projection-writes';

// Projecting a batch's subjects inside its transaction, under their locks (LedgerService.store).

/** A dossier projection before and after a batch (null before: new). */
export interface DossierChange {
  before: DossierProjection | null;
  after: DossierProjection;
}

/** Recomputes, under locks taken before, the projections of the subjects of `plan`, and writes them. */
export async function projectPlan(
  em: EntityManager,
  plan: ProjectionPlan,
  accepted: TthcEvent[],
  calendar: WorkingDays,
  projectionVersion: number,
): Promise<DossierChange[]> {
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
    const p = projectDossier(fold.events, calendar);
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
  checkDueDates(calendar, durations, dossiers);
  await writeProjections(em, dossiers, feedback, accepted, projectionVersion, foldStates);
  const before = new Map([...plan.before, ...inputs.before]);
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
export function checkDueDates(
  cal: WorkingDays,
  rows: readonly ProcedureDuration[],
  dossiers: DossierProjection[],
): void {
  // Per procedure, its rows in valid_from order: one pass over the rows, not one per dossier.
  const byCode = new Map<string, ProcedureDuration[]>();
  for (const r of rows) {
    const list = byCode.get(r.code);
    if (list) list.push(r);
    else byCode.set(r.code, [r]);
  }
  for (const d of dossiers) {
    // Rows are ordered by valid_from ('-infinity' first): the last one not after receipt wins.
    const days = (byCode.get(d.procedureCode) ?? [])
      .filter((r) => r.valid_from === '-infinity' || r.valid_from <= d.receivedDate)
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
 * How a batch's subjects are projected: `read` from all their stored events; `inMemory` from this
 * batch's events alone (no stored event before); `folded` from the dossier's fold state and this
 * batch's events. `before`: previous projections already read (by dossier code).
 */
export interface ProjectionPlan {
  read: string[];
  inMemory: Map<string, TthcEvent[]>;
  folded: Map<string, { fold: DossierFoldState; events: TthcEvent[] }>;
  before: Map<string, DossierProjection>;
  /** Procedure durations read already, and the codes they were read for. */
  durations: ProcedureDuration[];
  durationCodes: Set<string>;
}

/** The procedure codes some events name, sorted and distinct. */
export function procedureCodes(events: ReadonlyArray<Pick<TthcEvent, 'data'>>): string[] {
  const codes = new Set<string>();
  for (const e of events) if ('procedureCode' in e.data) codes.add(e.data.procedureCode);
  return [...codes].sort();
}

function stored(e: TthcEvent): Pick<DossierEvent | FeedbackEvent, 'id' | 'type' | 'time' | 'data'> {
  return { id: e.id, type: e.type, time: e.time, data: e.data };
}
