// How the bulk loader cuts a workload into ledger batches: every event of one subject (a dossier or
// a feedback) in the same batch, so the ledger projects each subject once, from the batch's events
// alone, instead of once per batch its events fall into. The ledger's projection is a function of
// the set of a subject's events (order, duplicates and batch boundaries never change it), so the
// cut changes how much work a load costs, never what it stores.
import { TthcEventTypes } from '@cchc/contracts';

const FEEDBACK_TYPES: ReadonlySet<string> = new Set([
  TthcEventTypes.feedbackReceived,
  TthcEventTypes.feedbackResolved,
]);

/** What the loader needs of an event before the ingestion path validates it. */
export interface LoadableEvent {
  id: string;
  /** The CloudEvents subject (the dossier code or feedback id); events without one stand alone. */
  subject?: string;
  type?: string;
  data?: Record<string, unknown>;
}

/** The dossier codes the dossier events (every type but feedback.*) name: the rows a load writes. */
export function dossierCodes(events: readonly LoadableEvent[]): string[] {
  const codes = new Set<string>();
  for (const e of events) {
    const code = e.data?.dossierCode;
    if (typeof code === 'string' && !FEEDBACK_TYPES.has(e.type ?? '')) codes.add(code);
  }
  return [...codes];
}

/** The ledger keys (`d:<dossier code>`, `f:<feedback id>`) of the subjects the events name. */
export function subjectKeys(events: readonly LoadableEvent[]): string[] {
  const keys = new Set<string>();
  for (const e of events) {
    const feedback = FEEDBACK_TYPES.has(e.type ?? '');
    const id = feedback ? e.data?.feedbackId : e.data?.dossierCode;
    if (typeof id === 'string') keys.add(`${feedback ? 'f' : 'd'}:${id}`);
  }
  return [...keys];
}

/**
 * Splits `events` into batches of whole subjects, each at most `maxEvents` events unless one
 * subject alone has more (then it is a batch of its own). Within a subject, stream order is kept;
 * subjects come in the order they first appear.
 */
export function subjectBatches<E extends LoadableEvent>(events: readonly E[], maxEvents: number): E[][] {
  if (!Number.isInteger(maxEvents) || maxEvents < 1) throw new Error(`subjectBatches: bad size ${maxEvents}`);
  const bySubject = new Map<string, E[]>();
  for (const e of events) {
    const key = typeof e.subject === 'string' && e.subject !== '' ? `s:${e.subject}` : `i:${e.id}`;
    const group = bySubject.get(key);
    if (group) group.push(e);
    else bySubject.set(key, [e]);
  }
  const batches: E[][] = [];
  let current: E[] = [];
  for (const group of bySubject.values()) {
    if (current.length > 0 && current.length + group.length > maxEvents) {
      batches.push(current);
      current = [];
    }
    for (const e of group) current.push(e);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
