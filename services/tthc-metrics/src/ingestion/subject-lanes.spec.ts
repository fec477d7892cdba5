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

  it('refuses a lane count below 1', () => {
    expect(() => new SubjectLanes(0)).toThrow('bad lane count');
  });
});
