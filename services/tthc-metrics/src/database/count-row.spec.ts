import { describe, expect, it } from '@jest/globals';
import { countRow } from './count-row';

describe('countRow', () => {
  it('turns the bigint text of counts into numbers', () => {
    expect(countRow<Record<string, number>>({ received: '12', late: '0' })).toEqual({
      received: 12,
      late: 0,
    });
  });

  it('keeps the named columns as text', () => {
    expect(countRow<Record<string, unknown>>({ k: '007', n: '7' }, ['k'])).toEqual({ k: '007', n: 7 });
  });

  it('gives an empty object for no row (an empty result)', () => {
    expect(countRow<Record<string, number>>(undefined)).toEqual({});
  });
});
