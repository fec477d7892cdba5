// Delivery disorder for acceptance tests: the contract (architecture.md §4) promises that events may
// arrive in any order and any number of times, and that the KPIs must not notice.

/** mulberry32, a tiny seeded PRNG (kept local: this lib must not depend on tools/). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A new array holding every event once, plus `round(events.length * duplicateShare)` exact copies
 * of randomly chosen events (same id, same content, deep-cloned), all in a seeded random order.
 * The input is not modified.
 */
export function shuffleWithDuplicates<T>(events: readonly T[], seed: number, duplicateShare: number): T[] {
  if (!(duplicateShare >= 0))
    throw new Error(`shuffleWithDuplicates: duplicateShare must be ≥ 0, got ${duplicateShare}`);
  const random = mulberry32(seed);
  const out: T[] = [...events];
  const duplicates = events.length === 0 ? 0 : Math.round(events.length * duplicateShare);
  for (let i = 0; i < duplicates; i++) {
    out.push(structuredClone(events[Math.floor(random() * events.length)]));
  }
  // Fisher–Yates.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
