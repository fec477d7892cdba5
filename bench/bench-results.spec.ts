import { describe, expect, it } from '@jest/globals';
import { BenchResults, quantile } from './bench-results';

function table(): BenchResults {
  const results = new BenchResults();
  results.add({ group: 'Baselines', what: 'insert', value: 10_000, unit: 'rows/s' });
  results.addRatio({ group: 'Ingest', what: 'http', value: 6_000, unit: 'events/s', baseline: 'insert' });
  return results;
}

describe('BenchResults', () => {
  it('takes a ratio against its baseline row', () => {
    const http = table()
      .resolved()
      .find((r) => r.what === 'http');
    expect(http?.ratio).toBeCloseTo(0.6, 10);
    expect(http?.note).toBeUndefined();
  });

  it('divides by the mean of a baseline measured before and after, and gives both ends', () => {
    const results = table();
    results.bracket('insert', 15_000);
    const [insert, http] = results.resolved();
    expect(insert.value).toBe(12_500);
    expect(insert.bracket).toEqual({ before: 10_000, after: 15_000 });
    expect(insert.note).toBe('before the ingest steps 10,000, after them 15,000: the value is their mean');
    expect(http.ratio).toBeCloseTo(0.48, 10);
    expect(http.note).toBe('0.60× against the baseline before the steps, 0.40× after');
    expect(results.toMarkdown()).toContain('| http | 6,000 | events/s | 0.48× | insert |');
  });

  it('names the row it cannot measure again', () => {
    expect(() => table().bracket('publish', 1)).toThrow('no measured row "publish"');
  });

  it('has no ratio without a measured baseline', () => {
    const results = new BenchResults();
    results.addRatio({ group: 'Ingest', what: 'drain', value: 5, unit: 'events/s', baseline: 'minimal' });
    expect(results.resolved()[0].ratio).toBeNull();
    expect(results.toMarkdown()).toContain('| drain | 5.00 | events/s | n/a | minimal |');
  });

  it('prints each group under one heading, in the order the groups began', () => {
    const results = table();
    results.add({ group: 'Memory', what: 'rss', value: 200, unit: 'MB' });
    results.addRatio({ group: 'Ingest', what: 'nats', value: 5_000, unit: 'events/s', baseline: 'insert' });
    const headings = results
      .toMarkdown()
      .split('\n')
      .filter((l) => l.startsWith('| **'));
    expect(headings).toEqual([
      '| **Baselines** | | | | | | |',
      '| **Ingest** | | | | | | |',
      '| **Memory** | | | | | | |',
    ]);
    expect(results.toMarkdown().indexOf('| nats |')).toBeLessThan(results.toMarkdown().indexOf('| rss |'));
  });

  it('takes the nearest-rank quantile', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0.99)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
