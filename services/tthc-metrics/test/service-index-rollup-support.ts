// Shared by the service-index rollup tests (ADR 0015): the comparisons (rollup = row-level
// definition, for the index counts and the anomaly gauge), a catalog with dated versions and
// QĐ 766 flags, and adversarial dossiers with the revision-2 facts (e-result, payments, ratings,
// linked PAKN) whose events land anywhere around the receipt.
import { expect } from '@jest/globals';
import fc from 'fast-check';
import { addCalendarDays } from '@cchc/calendar';
import { ev, type BuiltEvent, type TestHost } from '@cchc/testing';
import type { DataSource } from 'typeorm';
import { rollupAnomalyCounts, rowLevelAnomalyCounts } from '../src/metrics/anomaly-counts';
import {
  rollupServiceIndexCounts,
  rowLevelServiceIndexCounts,
  type IndexScope,
} from '../src/service-index/service-index-counts';
import { adversarialDossier, dossierEvents, type AdversarialDossier } from './kpi-rollup-support';

/** The production service-index counts equal the row-level definition, and so do the anomalies. */
export async function expectIndexEqualsRowLevel(db: DataSource, scope: IndexScope): Promise<void> {
  const [rollup, rows] = await Promise.all([
    rollupServiceIndexCounts(db, scope),
    rowLevelServiceIndexCounts(db, scope),
  ]);
  expect({ scope, counts: rollup }).toEqual({ scope, counts: rows });
  if (scope.unit === null) {
    const [a, b] = await Promise.all([
      rollupAnomalyCounts(db, scope.from, scope.to),
      rowLevelAnomalyCounts(db, scope.from, scope.to),
    ]);
    expect({ scope, anomalies: Object.fromEntries([...a].sort()) }).toEqual({
      scope,
      anomalies: Object.fromEntries([...b].sort()),
    });
  }
}

export interface CatalogFlags {
  level: 2 | 3 | 4;
  onlineService?: 'none' | 'partial' | 'full';
  paperResultRequired?: boolean;
  feeBearing?: boolean;
  /** A second version from this date with the paper and fee flags flipped. */
  changesOn?: string;
}

/** Replaces the catalog: one or two dated versions per code (the period uses the one at `to`). */
export async function putCatalog(
  host: TestHost,
  entries: Array<{ code: string; unitCode: string } & CatalogFlags>,
): Promise<void> {
  const list = entries.flatMap(({ changesOn, ...e }) => {
    const first = { ...e, name: `Thủ tục ${e.code}` };
    if (changesOn === undefined) return [first];
    return [
      { ...first, validFrom: '2000-01-01' },
      {
        ...first,
        validFrom: changesOn,
        paperResultRequired: !(e.paperResultRequired ?? false),
        feeBearing: !(e.feeBearing ?? false),
      },
    ];
  });
  const res = await host.request('/api/v1/tthc/procedures', { method: 'PUT', body: JSON.stringify(list) });
  expect(res.status).toBe(200);
}

export const catalogFlags: fc.Arbitrary<CatalogFlags> = fc.record(
  {
    level: fc.constantFrom<2 | 3 | 4>(2, 3, 4),
    onlineService: fc.constantFrom<'none' | 'partial' | 'full'>('none', 'partial', 'full'),
    paperResultRequired: fc.boolean(),
    feeBearing: fc.boolean(),
    changesOn: fc.constantFrom('2021-02-15', '2021-04-01', '2021-09-30'),
  },
  { requiredKeys: ['level'] },
);

/** The revision-2 facts of a dossier, days relative to its receipt. */
export const revision2Facts = fc.record({
  digitized: fc.option(fc.boolean(), { nil: undefined }),
  reusedData: fc.option(fc.boolean(), { nil: undefined }),
  eResult: fc.option(fc.boolean(), { nil: undefined }),
  payments: fc.array(
    fc.record({
      at: fc.integer({ min: -3, max: 80 }),
      channel: fc.constantFrom<'online' | 'direct'>('online', 'direct'),
    }),
    { maxLength: 2 },
  ),
  ratings: fc.array(
    fc.record({
      at: fc.integer({ min: -3, max: 90 }),
      rating: fc.constantFrom<'satisfied' | 'neutral' | 'dissatisfied'>(
        'satisfied',
        'neutral',
        'dissatisfied',
      ),
    }),
    { maxLength: 2 },
  ),
  feedback: fc.array(fc.integer({ min: -5, max: 100 }), { maxLength: 2 }),
});
export type Revision2Facts = typeof revision2Facts extends fc.Arbitrary<infer T> ? T : never;

export const indexDossier = fc.record({ base: adversarialDossier, facts: revision2Facts });

/** The events of one dossier: those of kpi-rollup-support plus the revision-2 facts. */
export function indexDossierEvents(
  p: string,
  i: number,
  d: { base: AdversarialDossier; facts: Revision2Facts },
): BuiltEvent[] {
  const code = `${p}d${i}`;
  const f = d.facts;
  const day = (offset: number) => addCalendarDays('2021-01-01', d.base.day + offset);
  const at = (offset: number, hour: number) => `${day(offset)}T${String(hour).padStart(2, '0')}:30:00+07:00`;
  const out = dossierEvents(p, i, d.base).map((e): BuiltEvent => {
    if (e.type.includes('.dossier.received.')) {
      const extra = {
        ...(f.digitized === undefined ? {} : { digitized: f.digitized }),
        ...(f.reusedData === undefined ? {} : { reusedData: f.reusedData }),
      };
      return { ...e, data: { ...e.data, ...extra } };
    }
    if (e.type.includes('.dossier.resolved.') && f.eResult !== undefined) {
      return { ...e, data: { ...e.data, eResult: f.eResult } };
    }
    return e;
  });
  f.payments.forEach((x, k) => out.push({ ...ev.paid(code, at(x.at, 12), x.channel), id: `${code}-p${k}` }));
  f.ratings.forEach((x, k) => out.push({ ...ev.rated(code, at(x.at, 17), x.rating), id: `${code}-g${k}` }));
  f.feedback.forEach((x, k) =>
    out.push({
      ...ev.feedbackReceived(`${code}-fb${k}`, {
        at: at(x, 10),
        due: day(x + 10),
        unit: `${p}u${d.base.unit}`,
        dossier: code,
      }),
      id: `${code}-f${k}`,
    }),
  );
  return out;
}
