import type { EntityManager } from 'typeorm';
import { textArrayParam } from '@cchc/database';
import type { TthcEvent } from '@cchc/contracts';
import type { DossierProjection } from '../dossiers/dossier-projection';
import { usableFoldState, type DossierFoldState } from '../dossiers/dossier-fold-state';
import type { IngestTransport } from './dead-letter-store';
import type { SenderUnits } from './unit-authority';

/**
 * The reads of one ledger batch, merged so a batch pays few round trips (issue 10 item 2). Every
 * function here runs after the batch's subject locks are held: a statement's snapshot is taken
 * when it starts, so a read merged into the locking statement could miss what the previous
 * holder of a lock committed.
 */

export interface HeldRow {
  id: string;
  subject_key: string;
  sender_units: SenderUnits;
  envelope: TthcEvent;
  transport: IngestTransport;
  subject: string | null;
}

/** What the ledger knows of a batch's ids and subjects before applying it. */
export interface SubjectState {
  /** Ids the ledger has ever taken: applied or on hold (exact duplicate detection, forever). */
  seen: Set<string>;
  /** The unit owning each subject already projected (its received event applied). */
  owners: Map<string, string>;
  /** Follow-ups on hold, by subject key. */
  held: Map<string, HeldRow[]>;
  /** Subjects with at least one event in the ledger already. */
  stored: Set<string>;
  /** Projected dossiers (by subject key): the stored projection and its usable fold state, if any. */
  dossiers: Map<string, { before: DossierProjection; fold: DossierFoldState | null }>;
  /** Durations of the procedures named by `codes` and by the projected dossiers, by valid_from. */
  durations: ProcedureDuration[];
  /** The procedure codes `durations` was read for. */
  durationCodes: Set<string>;
}

function splitKeys(keys: readonly string[]): { dossiers: string[]; feedback: string[] } {
  return {
    dossiers: keys.filter((k) => k.startsWith('d:')).map((k) => k.slice(2)),
    feedback: keys.filter((k) => k.startsWith('f:')).map((k) => k.slice(2)),
  };
}

/**
 * Seen ids, subject owners, held follow-ups, which subjects have stored events, and the projected
 * dossiers' previous projections and fold states (used only when written by `projectionVersion`),
 * in one statement.
 */
export async function readSubjectState(
  em: EntityManager,
  ids: readonly string[],
  keys: readonly string[],
  projectionVersion: number,
  codes: readonly string[],
): Promise<SubjectState> {
  const state: SubjectState = {
    seen: new Set(),
    owners: new Map(),
    held: new Map(),
    stored: new Set(),
    dossiers: new Map(),
    durations: [],
    durationCodes: new Set(codes),
  };
  if (ids.length === 0 && keys.length === 0) return state;
  const { dossiers, feedback } = splitKeys(keys);
  // The fold state is a column of its own: nested into the jsonb_build_object it would be
  // re-encoded token by token, for nothing. The dossier rows are read once (the CTE) for their
  // projections and their procedures' durations; the durations as a semi-join on one code list.
  const rows: Array<{
    kind: 's' | 'o' | 'h' | 'x' | 'p';
    key: string;
    unit: string | null;
    doc: unknown;
    fold: unknown;
  }> = await em.query(
    `WITH d AS MATERIALIZED (SELECT * FROM tthc.dossier WHERE dossier_code = ANY($2))
     SELECT 's' AS kind, id AS key, NULL::text AS unit, NULL::jsonb AS doc, NULL::jsonb AS fold
         FROM tthc.event WHERE id = ANY($1)
       UNION ALL SELECT 's', id, NULL, NULL, NULL FROM tthc.held_event WHERE id = ANY($1)
       UNION ALL SELECT 'o', 'd:' || dossier_code, unit_code, jsonb_build_object('channel', channel,
           'due_date', due_date::text, 'end_kind', end_kind, 'end_date', end_date::text, 'has_apology', has_apology,
           'procedure_code', procedure_code),
           CASE WHEN projection_version = $5 AND (fold_state->>'at')::numeric = extract(epoch FROM updated_at)
             THEN fold_state END
         FROM d
       UNION ALL SELECT 'o', 'f:' || feedback_id, unit_code, NULL, NULL FROM tthc.feedback WHERE feedback_id = ANY($3)
       UNION ALL SELECT 'h', subject_key, NULL, jsonb_build_object('id', id, 'subject_key', subject_key,
           'sender_units', to_jsonb(sender_units), 'envelope', envelope, 'transport', transport, 'subject', subject), NULL
         FROM tthc.held_event WHERE subject_key = ANY($4)
       UNION ALL SELECT 'x', k, NULL, NULL, NULL FROM unnest($4::text[]) AS k
         WHERE EXISTS (SELECT 1 FROM tthc.event e WHERE e.subject_key = k)
       UNION ALL SELECT 'p', p.code, NULL, jsonb_build_object('d', p.duration_working_days, 'valid_from', p.valid_from::text), NULL
         FROM tthc.procedure p
         WHERE p.duration_working_days IS NOT NULL
           AND p.code IN (SELECT unnest($6::text[])
             UNION SELECT procedure_code FROM d)`,
    // Binary text[] parameters: libs/database/src/text-array-param.ts.
    [
      textArrayParam(ids),
      textArrayParam(dossiers),
      textArrayParam(feedback),
      textArrayParam(keys),
      projectionVersion,
      textArrayParam(codes),
    ],
  );
  for (const r of rows) {
    if (r.kind === 's') state.seen.add(r.key);
    else if (r.kind === 'o') {
      state.owners.set(r.key, r.unit!);
      if (r.doc !== null && typeof r.doc === 'object') {
        const d = r.doc as Record<string, unknown>;
        state.durationCodes.add(String(d.procedure_code));
        state.dossiers.set(r.key, {
          before: previousProjection(r.key.slice(2), r.unit!, d),
          fold: usableFoldState(r.fold),
        });
      }
    } else if (r.kind === 'x') state.stored.add(r.key);
    else if (r.kind === 'p') {
      const d = r.doc as { d: number; valid_from: string };
      state.durations.push({ code: r.key, d: Number(d.d), valid_from: String(d.valid_from) });
    } else if (r.doc) {
      const held = r.doc as HeldRow;
      state.held.set(r.key, [...(state.held.get(r.key) ?? []), held]);
    }
  }
  state.durations.sort(byValidFrom);
  return state;
}

/** The fields of a stored dossier projection the metrics compare (`IngestOutcome.dossierChanges`). */
function previousProjection(code: string, unit: string, d: Record<string, unknown>): DossierProjection {
  return {
    dossierCode: code,
    unitCode: unit,
    channel: d.channel,
    dueDate: d.due_date,
    resolvedDate: d.end_kind === 'resolved' ? d.end_date : null,
    withdrawnDate: d.end_kind === 'withdrawn' ? d.end_date : null,
    hasApology: d.has_apology,
  } as DossierProjection;
}

/** Removes released follow-ups from hold (they are applied or refused in the same transaction). */
export async function deleteHeld(em: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await em.query(`DELETE FROM tthc.held_event WHERE id = ANY($1)`, [ids]);
}

/** A procedure's duration in working days from a date on (`-infinity`: always). */
export interface ProcedureDuration {
  code: string;
  d: number;
  valid_from: string;
}

/** What recomputing the projections of some subjects needs, read in one statement. */
export interface ProjectionInputs {
  /** Every stored event of each subject. */
  events: Map<string, TthcEvent[]>;
  /** The dossier projections as stored before this batch (the fields the metrics compare). */
  before: Map<string, DossierProjection>;
  /** Durations of the procedures the subjects' events name, ordered by valid_from. */
  durations: ProcedureDuration[];
  /** The procedure codes `durations` was read for (a superset of the projections' codes). */
  durationCodes: Set<string>;
}

// '-infinity' first, then ISO dates (text order is date order).
export function byValidFrom(a: ProcedureDuration, b: ProcedureDuration): number {
  if (a.valid_from === b.valid_from) return 0;
  if (a.valid_from === '-infinity') return -1;
  if (b.valid_from === '-infinity') return 1;
  return a.valid_from < b.valid_from ? -1 : 1;
}

/**
 * Reads the stored events of `keys` (and their previous dossier projections), plus the durations
 * of the procedures those events or `moreCodes` name.
 */
export async function readProjectionInputs(
  em: EntityManager,
  keys: readonly string[],
  moreCodes: readonly string[],
): Promise<ProjectionInputs> {
  const { dossiers } = splitKeys(keys);
  const rows: Array<{ kind: 'e' | 'd' | 'p'; key: string; doc: Record<string, unknown> }> = await em.query(
    `WITH ev AS MATERIALIZED (SELECT subject_key, envelope FROM tthc.event WHERE subject_key = ANY($1))
     SELECT 'e' AS kind, subject_key AS key, envelope AS doc FROM ev
     UNION ALL SELECT 'd', dossier_code, jsonb_build_object('unit_code', unit_code, 'channel', channel,
         'due_date', due_date::text, 'end_kind', end_kind, 'end_date', end_date::text, 'has_apology', has_apology)
       FROM tthc.dossier WHERE dossier_code = ANY($2)
     UNION ALL SELECT 'p', code, jsonb_build_object('d', duration_working_days, 'valid_from', valid_from::text)
       FROM tthc.procedure
       WHERE duration_working_days IS NOT NULL
         AND (code = ANY($3) OR code IN (SELECT envelope->'data'->>'procedureCode' FROM ev WHERE subject_key LIKE 'd:%'))`,
    [keys, dossiers, moreCodes],
  );
  const inputs: ProjectionInputs = {
    events: new Map(),
    before: new Map(),
    durations: [],
    durationCodes: new Set(moreCodes),
  };
  for (const r of rows) {
    if (r.kind === 'e') {
      const event = r.doc as unknown as TthcEvent;
      const list = inputs.events.get(r.key);
      if (list) list.push(event);
      else inputs.events.set(r.key, [event]);
      if (
        r.key.startsWith('d:') &&
        'procedureCode' in event.data &&
        typeof event.data.procedureCode === 'string'
      ) {
        inputs.durationCodes.add(event.data.procedureCode);
      }
    } else if (r.kind === 'd') {
      inputs.before.set(r.key, previousProjection(r.key, String(r.doc.unit_code), r.doc));
    } else {
      inputs.durations.push({ code: r.key, d: Number(r.doc.d), valid_from: String(r.doc.valid_from) });
    }
  }
  inputs.durations.sort(byValidFrom);
  return inputs;
}

/** Durations of procedures `readProjectionInputs` did not cover (a safety net; normally none). */
export async function readDurations(
  em: EntityManager,
  codes: readonly string[],
): Promise<ProcedureDuration[]> {
  if (codes.length === 0) return [];
  const rows: ProcedureDuration[] = await em.query(
    `SELECT code, duration_working_days AS d, valid_from::text FROM tthc.procedure
     WHERE code = ANY($1) AND duration_working_days IS NOT NULL`,
    [codes],
  );
  return rows.map((r) => ({ ...r, d: Number(r.d) })).sort(byValidFrom);
}
