// Accepted events as the ledger stores them, and the order-free choices the projections make over
// a set of them: one event per id, the latest or earliest by a key with ties broken by the id, so
// that nothing depends on the order in which replicas saw the events (architecture.md §2, §4).
import type { DossierEvent, FeedbackEvent, TthcEvent } from '@cchc/contracts';

/** An accepted event as the ledger stores it: the envelope `time` and the validated `data`. */
export type StoredEvent<E extends TthcEvent = TthcEvent> = E extends TthcEvent
  ? Pick<E, 'id' | 'type' | 'time' | 'data'>
  : never;
export type StoredDossierEvent = StoredEvent<DossierEvent>;
export type StoredFeedbackEvent = StoredEvent<FeedbackEvent>;

/** The member of a union of events with type `T`. */
export type Of<S, T> = Extract<S, { type: T }>;

// Validated timestamps always carry an offset, so Date.parse reads them exactly (to the ms).
export function instant(timestamp: string): number {
  return Date.parse(timestamp);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * One event per id (architecture.md §4: the id is the deduplication key). Copies of an id are
 * normally identical; if they are not, the one with the smallest canonical JSON is kept, so the
 * choice does not depend on which copy came first.
 */
export function distinctById<E extends { id: string }>(events: readonly E[]): E[] {
  const byId = new Map<string, E>();
  for (const event of events) {
    const kept = byId.get(event.id);
    if (kept === undefined || (kept !== event && canonicalJson(event) < canonicalJson(kept))) {
      byId.set(event.id, event);
    }
  }
  return [...byId.values()];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The item that `before` puts ahead of every other (a strict order); undefined for none. */
function first<E>(items: readonly E[], before: (a: E, b: E) => boolean): E | undefined {
  let found: E | undefined;
  for (const item of items) if (found === undefined || before(item, found)) found = item;
  return found;
}

/** The greatest item by `key`; ties go to the greatest id. */
export function latest<E extends { id: string }>(
  items: readonly E[],
  key: (item: E) => number,
): E | undefined {
  return first(items, (a, b) => {
    const byKey = key(a) - key(b);
    return byKey > 0 || (byKey === 0 && compareIds(a.id, b.id) > 0);
  });
}

/** The smallest item by `key` (then `rank`); remaining ties go to the smallest id. */
export function earliest<E extends { id: string }>(
  items: readonly E[],
  key: (item: E) => number,
  rank: (item: E) => number = () => 0,
): E | undefined {
  return first(items, (a, b) => {
    const byKey = key(a) - key(b);
    const byRank = rank(a) - rank(b);
    return byKey < 0 || (byKey === 0 && (byRank < 0 || (byRank === 0 && compareIds(a.id, b.id) < 0)));
  });
}
