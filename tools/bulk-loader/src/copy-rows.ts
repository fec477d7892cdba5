// The rows the fast (COPY) mode of the bulk loader writes for a batch of whole subjects, built in
// Node by the same code as the public ingestion path: the EventSink's screening and contract
// validation, the ledger's duplicate rule (first copy of an id wins) and unit authority, the
// ledger's event row, the fold state and projections (dossier-fold-state.ts, dossier-projection.ts),
// the due-date check (projector.ts), and the column lists the ledger's own upserts use
// (ledger-writes.ts, projection-writes.ts), encoded as COPY text instead of statement parameters.
import { validateTthcEvent, type DossierEvent, type FeedbackEvent, type TthcEvent } from '@cchc/contracts';
import type { WorkingDays } from '../../../services/tthc-metrics/src/dossiers/dossier-timeline';
import {
  projectDossier,
  type DossierProjection,
} from '../../../services/tthc-metrics/src/dossiers/dossier-projection';
import {
  projectFeedback,
  type FeedbackProjection,
} from '../../../services/tthc-metrics/src/dossiers/feedback-projection';
import type {
  StoredDossierEvent,
  StoredFeedbackEvent,
} from '../../../services/tthc-metrics/src/dossiers/stored-events';
import {
  nextFoldState,
  type DossierFoldState,
} from '../../../services/tthc-metrics/src/dossiers/dossier-fold-state';
import { screenEvent } from '../../../services/tthc-metrics/src/ingestion/event-screening';
import type { ProcedureDuration } from '../../../services/tthc-metrics/src/ledger/batch-reads';
import { EVENT_COLUMNS } from '../../../services/tthc-metrics/src/ledger/ledger-writes';
import {
  dossierColumns,
  FEEDBACK_COLUMNS,
} from '../../../services/tthc-metrics/src/ledger/projection-writes';
import { checkDueDates } from '../../../services/tthc-metrics/src/ledger/projector';
import {
  decideUnitAuthority,
  ledgerSubjectKey,
  type LedgerCandidate,
} from '../../../services/tthc-metrics/src/ledger/unit-authority';

/** The transport the loader's rows name (as the in-process transport of the other mode). */
export const LOADER_TRANSPORT = 'in_process';

/** COPY statements (text format) of the tables the fast mode writes, in the order it writes them. */
export function copyStatements(projectionVersion: number): Record<CopyTable, string> {
  const dossier = dossierColumns(projectionVersion, new Map()).map(([name]) => name);
  return {
    event: `COPY tthc.event (${EVENT_COLUMNS.map(([name]) => name).join(', ')}) FROM STDIN`,
    held: `COPY tthc.held_event (id, subject_key, sender_units, envelope, transport, subject) FROM STDIN`,
    dossier: `COPY tthc.dossier (${dossier.join(', ')}, updated_at) FROM STDIN`,
    feedback: `COPY tthc.feedback (${FEEDBACK_COLUMNS.map(([name]) => name).join(', ')}, projection_version, updated_at) FROM STDIN`,
  };
}

export type CopyTable = 'event' | 'held' | 'dossier' | 'feedback';

/** One batch's rows as COPY text, and what the load's last statements need of it. */
export interface CopyBatch {
  text: Record<CopyTable, string>;
  /** Dossier codes and feedback ids written (projections), for the rollup backfills. */
  dossierCodes: string[];
  feedbackIds: string[];
  /** The applied dossier.received events (the procedure announcements). */
  received: TthcEvent[];
  accepted: number;
  duplicates: number;
  held: number;
}

/** When the rows are written: updated_at, and the fold state's `at` that marks it (batch-reads.ts). */
export interface WriteStamp {
  updatedAt: string;
  epochSeconds: number;
}

export function writeStamp(ms = Date.now()): WriteStamp {
  return { updatedAt: new Date(ms).toISOString(), epochSeconds: ms / 1000 };
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One field of a COPY text row (NULL is \N; backslash, newline, CR and tab escaped). */
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(value);
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : text;
}

function row(fields: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${fields.map(copyField).join('\t')}\n`;
}

// projector.ts's `stored`: what the projections and the fold state keep of an event.
function stored(e: TthcEvent): Pick<DossierEvent | FeedbackEvent, 'id' | 'type' | 'time' | 'data'> {
  return { id: e.id, type: e.type, time: e.time, data: e.data };
}

/**
 * Builds the rows of `values` (raw events of whole subjects that have nothing stored yet: the
 * loader checks it). Throws on an event the ingestion path would reject or refuse (the loader
 * loads valid workloads only); follow-ups whose received event is not in the batch are held.
 */
export function buildCopyBatch(
  values: readonly unknown[],
  ctx: {
    calendar: WorkingDays;
    durations: readonly ProcedureDuration[];
    stamp: WriteStamp;
    projectionVersion: number;
  },
): CopyBatch {
  const unique = new Map<string, LedgerCandidate>();
  let duplicates = 0;
  for (const value of values) {
    // The EventSink's checks, in its order (an HTTP body's value: no bytes to decode).
    const screened = screenEvent(value);
    if (screened.length > 0) throw new Error(`bulk loader: an event is invalid: ${screened.join('; ')}`);
    const checked = validateTthcEvent(value);
    if (!checked.ok)
      throw new Error(`bulk loader: event ${checked.id} rejected: ${checked.errors.join('; ')}`);
    const event = checked.event;
    if (unique.has(event.id)) duplicates += 1;
    else
      unique.set(event.id, {
        event,
        senderUnits: null,
        transport: LOADER_TRANSPORT,
        subject: null,
        payload: '',
      });
  }
  // Nothing of these subjects is stored: no owner yet, nothing on hold, no seen id.
  const decision = decideUnitAuthority([...unique.values()], new Map());
  if (decision.refuse.length > 0)
    throw new Error(
      `bulk loader: ${decision.refuse.length} events refused, first: ${decision.refuse[0].error}`,
    );
  const bySubject = new Map<string, TthcEvent[]>();
  const text: Record<CopyTable, string[]> = { event: [], held: [], dossier: [], feedback: [] };
  const received: TthcEvent[] = [];
  for (const c of decision.apply) {
    text.event.push(row(EVENT_COLUMNS.map(([, , value]) => value(c))));
    const key = ledgerSubjectKey(c.event);
    const list = bySubject.get(key);
    if (list) list.push(c.event);
    else bySubject.set(key, [c.event]);
    if (c.event.type === 'vn.cchc.tthc.dossier.received.v1') received.push(c.event);
  }
  for (const c of decision.hold)
    text.held.push(
      row([c.event.id, ledgerSubjectKey(c.event), null, JSON.stringify(c.event), c.transport, null]),
    );

  const dossiers: DossierProjection[] = [];
  const feedback: FeedbackProjection[] = [];
  const foldStates = new Map<string, DossierFoldState>();
  for (const [key, list] of bySubject) {
    if (key.startsWith('d:')) {
      const fold = nextFoldState(null, list.map(stored) as StoredDossierEvent[]);
      const p = projectDossier(fold.events, ctx.calendar);
      if (p) {
        dossiers.push(p);
        foldStates.set(p.dossierCode, { ...fold, at: ctx.stamp.epochSeconds });
      }
    } else {
      const p = projectFeedback(list.map(stored) as StoredFeedbackEvent[]);
      if (p) feedback.push(p);
    }
  }
  checkDueDates(ctx.calendar, ctx.durations, dossiers);
  const columns = dossierColumns(ctx.projectionVersion, foldStates);
  for (const d of dossiers)
    text.dossier.push(row([...columns.map(([, , value]) => value(d)), ctx.stamp.updatedAt]));
  for (const f of feedback)
    text.feedback.push(
      row([...FEEDBACK_COLUMNS.map(([, , value]) => value(f)), ctx.projectionVersion, ctx.stamp.updatedAt]),
    );
  return {
    text: {
      event: text.event.join(''),
      held: text.held.join(''),
      dossier: text.dossier.join(''),
      feedback: text.feedback.join(''),
    },
    dossierCodes: dossiers.map((d) => d.dossierCode),
    feedbackIds: feedback.map((f) => f.feedbackId),
    received,
    accepted: decision.apply.length,
    duplicates,
    held: decision.hold.length,
  };
}
