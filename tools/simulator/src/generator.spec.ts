import { describe, expect, it } from '@jest/globals';
import { generateEventStream } from './generator';

// mulberry32 adds 0x6D2B79F5 to its 32-bit state each draw: a generator seeded k steps further
// along that sequence replays the first one's numbers k draws later.
const STEP = 0x6d2b79f5;

function ids(seed: number): string[] {
  return generateEventStream({ from: '2021-01-01', to: '2021-12-31', seed, dossiers: 300 }).map((e) => e.id);
}

describe('generateEventStream event ids', () => {
  it('never repeat across generators whose seeds replay each other’s random numbers', () => {
    const base = 12345;
    const seen = new Set(ids(base));
    const firstIds = seen.size;
    let total = firstIds;
    for (let k = 1; k <= 40; k += 1) {
      for (const id of ids((base + k * STEP) >>> 0)) {
        seen.add(id);
        total += 1;
      }
    }
    expect(seen.size).toBe(total);
  });

  it('are the same for the same seed and look like version-4 UUIDs', () => {
    const a = ids(7);
    expect(ids(7)).toEqual(a);
    for (const id of a)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
