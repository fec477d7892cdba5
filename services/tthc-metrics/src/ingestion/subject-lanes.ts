/**
 * Lanes by subject (issue 10 item 2): every subject key (dossier or feedback) belongs to exactly one
 * of `count` lanes, by a hash of the key, and each lane runs one ledger transaction at a time
 * (LaneBatcher). Two transactions of this process that run at once therefore never touch the same
 * subject, so they never wait on each other's subject locks (the ledger still takes them: other
 * replicas, the stale re-projection).
 */
export class SubjectLanes {
  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 1) throw new Error(`SubjectLanes: bad lane count ${count}`);
  }

  /** The lane of a subject key: FNV-1a (32 bit) of its UTF-16 code units, modulo the lane count. */
  laneOf(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0) % this.count;
  }

  /** Splits items by the lane of their key; lanes without items are left out. */
  partition<T>(items: readonly T[], key: (item: T) => string): Array<{ lane: number; items: T[] }> {
    const parts = new Map<number, T[]>();
    for (const item of items) {
      const lane = this.laneOf(key(item));
      const part = parts.get(lane);
      if (part) part.push(item);
      else parts.set(lane, [item]);
    }
    return [...parts].sort(([a], [b]) => a - b).map(([lane, list]) => ({ lane, items: list }));
  }
}
