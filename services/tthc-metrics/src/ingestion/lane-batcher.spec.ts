import { describe, expect, it } from '@jest/globals';
import { LaneBatcher } from './lane-batcher';

interface Part {
  items: string[];
  kind: string;
}

/** A batcher whose work records each call and waits for `release` before it returns. */
function recording(maxItems: number, failOn?: string) {
  const calls: string[][] = [];
  const gates: Array<() => void> = [];
  const batcher = new LaneBatcher<Part, string[]>(2, {
    size: (p) => p.items.length,
    maxItems,
    compatible: (a, b) => a.kind === b.kind,
    work: async (parts) => {
      const items = parts.flatMap((p) => p.items);
      calls.push(items);
      await new Promise<void>((r) => gates.push(r));
      if (failOn !== undefined && items.includes(failOn)) throw new Error(`failed on ${failOn}`);
      return items.map((i) => i.toUpperCase());
    },
    split: (whole, parts) => parts.map((p) => whole.filter((w) => p.items.includes(w.toLowerCase()))),
  });
  const releaseAll = async () => {
    for (let i = 0; i < 50 && (gates.length > 0 || i < 5); i++) {
      gates.splice(0).forEach((r) => r());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { batcher, calls, releaseAll };
}

const part = (kind: string, ...items: string[]): Part => ({ items, kind });

describe(LaneBatcher.name, () => {
  it('runs the parts queued while a lane is busy in one call, and gives each its share', async () => {
    const { batcher, calls, releaseAll } = recording(10);
    const a = batcher.submit(0, part('x', 'a1', 'a2'));
    const b = batcher.submit(0, part('x', 'b1'));
    const c = batcher.submit(0, part('x', 'c1', 'c2'));
    const other = batcher.submit(1, part('x', 'o1'));
    await releaseAll();
    await expect(a).resolves.toEqual(['A1', 'A2']);
    await expect(b).resolves.toEqual(['B1']);
    await expect(c).resolves.toEqual(['C1', 'C2']);
    await expect(other).resolves.toEqual(['O1']);
    // a ran alone (the lane was idle); b and c queued behind it and ran together; lane 1 apart.
    expect(calls).toEqual([['a1', 'a2'], ['o1'], ['b1', 'c1', 'c2']]);
  });

  it('merges no more than maxItems, nor parts that are not compatible with the first', async () => {
    const { batcher, calls, releaseAll } = recording(3);
    const all = [
      batcher.submit(0, part('x', 'a')),
      batcher.submit(0, part('x', 'b1', 'b2')),
      batcher.submit(0, part('x', 'c1', 'c2')),
      batcher.submit(0, part('y', 'd')),
      batcher.submit(0, part('y', 'e1', 'e2', 'e3', 'e4')),
    ];
    await releaseAll();
    await Promise.all(all);
    expect(calls).toEqual([['a'], ['b1', 'b2'], ['c1', 'c2'], ['d'], ['e1', 'e2', 'e3', 'e4']]);
  });

  it('fails every part of a failed call, and goes on with the next ones', async () => {
    const { batcher, calls, releaseAll } = recording(10, 'c1');
    const a = batcher.submit(0, part('x', 'a1'));
    const b = batcher.submit(0, part('x', 'b1'));
    const c = batcher.submit(0, part('x', 'c1'));
    const results = Promise.allSettled([a, b, c]);
    await releaseAll();
    const [ra, rb, rc] = await results;
    expect(ra).toEqual({ status: 'fulfilled', value: ['A1'] });
    expect(rb.status).toBe('rejected');
    expect(rc.status).toBe('rejected');
    expect(String((rb as PromiseRejectedResult).reason)).toContain('failed on c1');
    const d = batcher.submit(0, part('x', 'd1'));
    await releaseAll();
    await expect(d).resolves.toEqual(['D1']);
    expect(calls).toEqual([['a1'], ['b1', 'c1'], ['d1']]);
  });

  it('runs a part alone when every lane is idle; what is submitted meanwhile waits for it', async () => {
    const { batcher, calls, releaseAll } = recording(10);
    const alone = batcher.runAlone(part('x', 's1', 's2'));
    expect(alone).toBeDefined();
    const a = batcher.submit(0, part('x', 'a1'));
    const b = batcher.submit(1, part('x', 'b1'));
    // Nothing else may run beside it, on either lane, and no second part runs alone.
    await new Promise((r) => setImmediate(r));
    expect(batcher.runAlone(part('x', 't1'))).toBeUndefined();
    expect(calls).toEqual([['s1', 's2']]);
    await releaseAll();
    await expect(alone).resolves.toEqual(['S1', 'S2']);
    await expect(a).resolves.toEqual(['A1']);
    await expect(b).resolves.toEqual(['B1']);
    expect(calls).toEqual([['s1', 's2'], ['a1'], ['b1']]);
  });

  it('runs nothing alone while a lane is busy', async () => {
    const { batcher, calls, releaseAll } = recording(10);
    const a = batcher.submit(1, part('x', 'a1'));
    expect(batcher.runAlone(part('x', 's1'))).toBeUndefined();
    await releaseAll();
    await expect(a).resolves.toEqual(['A1']);
    expect(calls).toEqual([['a1']]);
  });

  it('queues a part on the busy lane, to join its next call, rather than start one beside it', async () => {
    const { batcher, calls, releaseAll } = recording(10);
    const a = batcher.submit(1, part('x', 'a1'));
    const b = batcher.submit(1, part('x', 'b1'));
    const s = batcher.submitToBusy(part('x', 's1', 's2'));
    // Lane 0 is idle, but nothing starts on it: lane 1 is still running a1.
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([['a1']]);
    await releaseAll();
    await expect(a).resolves.toEqual(['A1']);
    await expect(b).resolves.toEqual(['B1']);
    await expect(s).resolves.toEqual(['S1', 'S2']);
    expect(calls).toEqual([['a1'], ['b1', 's1', 's2']]);
  });

  it('runs a part queued for a busy lane at once when no lane is busy', async () => {
    const { batcher, calls, releaseAll } = recording(10);
    const s = batcher.submitToBusy(part('x', 's1'));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([['s1']]);
    await releaseAll();
    await expect(s).resolves.toEqual(['S1']);
  });

  it('frees the lanes when a part run alone fails', async () => {
    const { batcher, calls, releaseAll } = recording(10, 's1');
    const alone = batcher.runAlone(part('x', 's1'));
    const a = batcher.submit(0, part('x', 'a1'));
    const settled = Promise.allSettled([alone!, a]);
    await releaseAll();
    const [ra, rb] = await settled;
    expect(String((ra as PromiseRejectedResult).reason)).toContain('failed on s1');
    expect(rb).toEqual({ status: 'fulfilled', value: ['A1'] });
    const again = batcher.runAlone(part('x', 'c1'));
    await releaseAll();
    await expect(again).resolves.toEqual(['C1']);
    expect(calls).toEqual([['s1'], ['a1'], ['c1']]);
  });

  it('refuses a lane count below 1', () => {
    expect(
      () =>
        new LaneBatcher<Part, string[]>(0, {
          size: () => 0,
          maxItems: 1,
          compatible: () => true,
          work: async () => [],
          split: () => [],
        }),
    ).toThrow('bad lane count');
  });
});
