// The per-dossier projection state the ledger keeps in the dossier row (issue 10 item 2): the
// smallest subset of a dossier's events from which `projectDossier` gives the same projection as
// from all of them. A new event is projected from this state and the new event, never from the
// dossier's stored envelopes.
//
// `compactDossierEvents` is a function of the SET of events (ids distinct, or copies of an id
// identical, as the ledger stores them), and it is a "keep the k best by a total order" or "keep
// all" per kind, so for any sets A and B:
//   compact(compact(A) ∪ B) = compact(A ∪ B)   and   projectDossier(compact(A)) = projectDossier(A).
// Arrival order, splits and duplicates therefore cannot change the result (the unit tests and a
// fast-check property prove both equalities against the full re-fold).
import { localDate } from '@cchc/calendar';
import { distinctById, type StoredDossierEvent } from './stored-events';

/** Bump when the compaction changes: a state of another version is ignored (full re-fold). */
export const FOLD_STATE_VERSION = 1;

/** What the dossier row's `fold_state` column holds. */
export interface DossierFoldState {
  v: number;
  events: StoredDossierEvent[];
  /** Set by the dossier upsert: the row's updated_at (epoch seconds) when the state was written. */
  at?: number;
}

type Of<T> = Extract<StoredDossierEvent, { type: T }>;
type End = Of<'vn.cchc.tthc.dossier.resolved.v1'> | Of<'vn.cchc.tthc.dossier.withdrawn.v1'>;

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function endAt(e: End): number {
  return Date.parse(e.type === 'vn.cchc.tthc.dossier.resolved.v1' ? e.data.resolvedAt : e.data.withdrawnAt);
}

/** The smallest of a kind by `key` (ties: the smallest id), or nothing. */
function smallest<E extends { id: string }>(items: readonly E[], key: (e: E) => string): E[] {
  const sorted = [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : byId(a, b);
  });
  return sorted.slice(0, 1);
}

/**
 * The events `projectDossier` needs, of all the dossier's events (see the file comment). What it
 * reads of each kind, and so what is kept:
 * - dossier.received: only the counted one (latest envelope `time`, ties: greatest id);
 * - resolved / withdrawn: the two earliest (the end, and whether there is more than one);
 * - paid: the earliest online payment (by local date); rated: the earliest "dissatisfied";
 * - returned: one postal return per local date;
 * - supplement_requested, supplement_received, apology_issued: all (counts and timelines).
 * Output order: by id.
 */
export function compactDossierEvents(events: readonly StoredDossierEvent[]): StoredDossierEvent[] {
  const received: Array<Of<'vn.cchc.tthc.dossier.received.v1'>> = [];
  const ends: End[] = [];
  const paid: Array<Of<'vn.cchc.tthc.dossier.paid.v1'>> = [];
  const rated: Array<Of<'vn.cchc.tthc.dossier.rated.v1'>> = [];
  const postal = new Map<string, Of<'vn.cchc.tthc.dossier.returned.v1'>>();
  const kept: StoredDossierEvent[] = [];
  for (const e of distinctById(events)) {
    switch (e.type) {
      case 'vn.cchc.tthc.dossier.received.v1':
        received.push(e);
        break;
      case 'vn.cchc.tthc.dossier.resolved.v1':
      case 'vn.cchc.tthc.dossier.withdrawn.v1':
        ends.push(e);
        break;
      case 'vn.cchc.tthc.dossier.paid.v1':
        if (e.data.channel === 'online') paid.push(e);
        break;
      case 'vn.cchc.tthc.dossier.rated.v1':
        if (e.data.rating === 'dissatisfied') rated.push(e);
        break;
      case 'vn.cchc.tthc.dossier.returned.v1':
        if (e.data.returnChannel === 'postal') {
          const date = localDate(e.data.returnedAt);
          const prev = postal.get(date);
          if (prev === undefined || e.id < prev.id) postal.set(date, e);
        }
        break;
      case 'vn.cchc.tthc.dossier.supplement_requested.v1':
      case 'vn.cchc.tthc.dossier.supplement_received.v1':
      case 'vn.cchc.tthc.dossier.apology_issued.v1':
        kept.push(e);
        break;
    }
  }
  // The counted received: latest `time`, ties to the greatest id (projectDossier's `latest`).
  const counted = [...received].sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || byId(b, a))[0];
  // The end order of projectDossier's `earliest`: instant, then resolution before withdrawal, then id.
  const rank = (e: End) => (e.type === 'vn.cchc.tthc.dossier.resolved.v1' ? 0 : 1);
  const firstEnds = [...ends]
    .sort((a, b) => endAt(a) - endAt(b) || rank(a) - rank(b) || byId(a, b))
    .slice(0, 2);
  return [
    ...(counted ? [counted] : []),
    ...firstEnds,
    ...smallest(paid, (e) => localDate(e.data.paidAt)),
    ...smallest(rated, (e) => localDate(e.data.ratedAt)),
    ...postal.values(),
    ...kept,
  ].sort(byId);
}

/** The state to store after applying `events` to `state` (null: none yet). */
export function nextFoldState(
  state: DossierFoldState | null,
  events: readonly StoredDossierEvent[],
): DossierFoldState {
  return { v: FOLD_STATE_VERSION, events: compactDossierEvents([...(state?.events ?? []), ...events]) };
}

/** A stored state this code can use (its version), else null (the caller re-folds from the ledger). */
export function usableFoldState(value: unknown): DossierFoldState | null {
  if (value === null || typeof value !== 'object') return null;
  const s = value as Partial<DossierFoldState>;
  return s.v === FOLD_STATE_VERSION && Array.isArray(s.events) ? (s as DossierFoldState) : null;
}
