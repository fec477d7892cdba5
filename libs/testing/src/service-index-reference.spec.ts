import { describe, expect, it } from '@jest/globals';
import { serviceIndexResultSchema } from '@cchc/contracts';
import { ev } from './event-builders';
import { SERVICE_INDEX_EXAMPLE_CATALOG, serviceIndexExampleEvents } from './service-index-example';
import { computeReferenceServiceIndex } from './service-index-reference';

const Q1 = { from: '2021-01-01', to: '2021-03-31', window: 'calendar' as const };

describe(computeReferenceServiceIndex.name, () => {
  // Worked out by hand in docs/metrics.md ("Worked example"): 7 dossiers received in Q1 (D1–D7),
  // D0 carried over; resolved D0, D1, D7 early, D3 on time, D2 late; pending D4 overdue, D5
  // awaiting supplement, D6 within time.
  const result = computeReferenceServiceIndex(
    serviceIndexExampleEvents(),
    { ...Q1, unit: 'vp' },
    SERVICE_INDEX_EXAMPLE_CATALOG,
  );
  const indicator = (code: string) => result.groups.flatMap((g) => g.indicators).find((i) => i.code === code);
  const row = (code: string) => {
    const i = indicator(code);
    return [i?.numerator, i?.denominator, i?.score];
  };

  it('matches the contract schema', () => {
    expect(serviceIndexResultSchema.parse(result)).toEqual(result);
  });

  it('scores every measured indicator as computed by hand', () => {
    expect(row('2.1')).toEqual([6, 8, 15]); // (3 early + 1 on time + 1 within + 1 awaiting) / 8 × 20
    expect(row('3.1')).toEqual([3, 5, 1.5]); // PA, PB, PD of 5; 2 × 0.6 / 0.8
    expect(row('3.2')).toEqual([2, 3, 2.67]); // PA and PB had online dossiers, PD none; 4 × 2/3
    expect(row('3.3')).toEqual([4, 7, 6]); // D1, D3, D4, D7 (D5 lacks the e-result PA requires); capped
    expect(row('3.6')).toEqual([2, 4, 3]); // PA dossiers D1, D2, D5, D7; paid online by 31/3: D1, D7
    expect(row('4.1')).toEqual([2, 3, 4]); // PA resolved D1, D2, D7; e-result D1, D7
    expect(row('4.2')).toEqual([3, 7, 2.14]); // D1, D4, D7; 4 × (3/7) / 0.8 = 2.142…
    expect(row('4.3')).toEqual([2, 7, 0.71]); // D1, D3; 2 × (2/7) / 0.8 = 0.714…
    expect(row('5.2')).toEqual([2, 3, 4]); // F1, F3 of F1–F3
    expect(row('5.3')).toEqual([1, 3, 2]); // F1 only (F2 late, F3 dissatisfied)
    expect(row('5.4')).toEqual([2, 5, 2.67]); // 5 − 1 late (D2) − R 2 (D2 rated, D7 PAKN); 6 × 0.4 / 0.9
    expect(indicator('3.3')?.ratio).toBeCloseTo(4 / 7, 12);
    expect(indicator('3.3')?.target).toBe(0.5);
  });

  it('lists the unmeasured indicators with their reason and sums groups and total', () => {
    for (const code of ['1.1', '1.2', '1.3', '1.4', '2.2', '3.5a', '3.5b', '4.4', '4.5', '5.1']) {
      expect(indicator(code)).toMatchObject({ score: null, ratio: null, reason: 'not measured' });
    }
    expect(result.groups.map((g) => [g.code, g.max, g.score])).toEqual([
      ['1', 18, null],
      ['2', 20, 15],
      ['3', 22, 13.17],
      ['4', 22, 6.85],
      ['5', 18, 8.67],
    ]);
    expect(result.total).toEqual({ score: 43.69, maxMeasured: 68, normalized: 64.25 });
  });

  it('gives a null ratio and score for an empty denominator and leaves it out of the total', () => {
    const r = computeReferenceServiceIndex(
      [ev.received('X', { at: '2021-02-01T09:00:00+07:00', due: '2021-02-10', procedure: 'PB' })],
      { ...Q1, unit: 'vp' },
      SERVICE_INDEX_EXAMPLE_CATALOG,
    );
    const i = r.groups.flatMap((g) => g.indicators).find((x) => x.code === '5.2');
    expect(i).toMatchObject({ numerator: 0, denominator: 0, ratio: null, score: null });
    expect(r.groups.find((g) => g.code === '5')?.score).toBeNull();
    // Measured: 2.1 (overdue X: 0/1), 3.1, 3.2, 3.3, 4.2, 4.3 → maxima 20 + 2 + 4 + 6 + 4 + 2.
    expect(r.total.maxMeasured).toBe(38);
  });
});
