import { describe, expect, it } from '@jest/globals';
import { SubjectLanes } from './subject-lanes';

describe(SubjectLanes.name, () => {
  it('puts every key in one lane, the same each time, and spreads keys over the lanes', () => {
    const lanes = new SubjectLanes(3);
    const keys = Array.from(
      { length: 300 },
      (_, i) => `d:000.00.36.H17-210105-${String(i).padStart(4, '0')}`,
    );
    const parts = lanes.partition(keys, (k) => k);
    expect(parts.map((p) => p.lane)).toEqual([0, 1, 2]);
    expect(parts.flatMap((p) => p.items).sort()).toEqual([...keys].sort());
    for (const p of parts) {
      expect(p.items.length).toBeGreaterThan(60);
      for (const k of p.items) expect(lanes.laneOf(k)).toBe(p.lane);
    }
    expect(new SubjectLanes(1).partition(keys, (k) => k)).toEqual([{ lane: 0, items: keys }]);
  });

  it('runs the work of one lane one at a time, in order, also after a failure', async () => {
    const lanes = new SubjectLanes(2);
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = lanes.run(0, async () => {
      log.push('a start');
      await gate;
      log.push('a end');
      throw new Error('a failed');
    });
    const second = lanes.run(0, async () => {
      log.push('b');
      return 'b';
    });
    const other = lanes.run(1, async () => {
      log.push('other lane');
      return 'c';
    });
    await other;
    expect(log).toEqual(['a start', 'other lane']);
    release();
    await expect(first).rejects.toThrow('a failed');
    await expect(second).resolves.toBe('b');
    expect(log).toEqual(['a start', 'other lane', 'a end', 'b']);
  });

  it('refuses a lane count below 1', () => {
    expect(() => new SubjectLanes(0)).toThrow('bad lane count');
  });
});
