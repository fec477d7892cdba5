// A scripted message bus and a small snapshot store for the ReportsService unit tests: each pattern
// answers with a value, a function of the payload, an error, or never.
import { jest } from '@jest/globals';
import type { ClientProxy } from '@nestjs/microservices';
import { NEVER, type Observable, of, throwError } from 'rxjs';
import type { DataSource, Repository } from 'typeorm';
import { loadConfig } from '@cchc/config';
import { Patterns } from '@cchc/contracts';
import { metricsRegistry } from '@cchc/observability';
import { ReportDrafts } from '../src/reports/report-drafts';
import { type ReportSnapshot } from '../src/reports/report-snapshot.entity';
import { ReportSources } from '../src/reports/report-sources';
import { ReportError } from '../src/reports/reports.errors';
import { ReportsMetrics } from '../src/reports/reports.metrics';
import { ReportsService } from '../src/reports/reports.service';
import { kpisByUnit, planSummary, planView, UNIT_NAMES } from './fixtures/report-input';

// The service against a scripted message bus: each pattern answers with a value, an error, or
// never. The database is a small explicit mock; the real one is exercised by the e2e test.

// A value to answer with, { error } to fail with, or 'never' to stay silent.
export type Answer = unknown;
export const NEVER_ANSWERS = 'never';

// tthc-metrics lists units in the Department's order; gdtrh comes before vp there.
export const CATALOG_UNITS = [
  { code: 'gdtrh', name: UNIT_NAMES.gdtrh },
  { code: 'vp', name: UNIT_NAMES.vp },
  { code: 'tccb-tc', name: UNIT_NAMES['tccb-tc'] },
  { code: 'tt', name: 'Thanh tra Sở' },
];

export function defaultAnswers(): Record<string, Answer> {
  return {
    [Patterns.plans.list]: [planView()],
    [Patterns.plans.summary]: planSummary(),
    [Patterns.tthc.procedures]: { procedures: [], units: CATALOG_UNITS },
    [Patterns.tthc.kpisByUnit]: kpisByUnit(),
    [Patterns.tthc.kpis]: kpisByUnit().units.find((u) => u.unit === 'vp')!.kpis,
  };
}

export class ScriptedBus {
  readonly sent: Array<{ pattern: string; payload: unknown }> = [];
  readonly emitted: Array<{ pattern: string; payload: unknown }> = [];
  emitFails = false;

  constructor(readonly answers: Record<string, Answer>) {}

  send(pattern: string, payload: unknown): Observable<unknown> {
    this.sent.push({ pattern, payload });
    const scripted = this.answers[pattern];
    const answer = typeof scripted === 'function' ? (scripted as (p: unknown) => unknown)(payload) : scripted;
    if (answer === NEVER_ANSWERS || answer === undefined) return NEVER;
    if (answer !== null && typeof answer === 'object' && 'error' in answer)
      return throwError(() => answer.error);
    return of(structuredClone(answer));
  }

  emit(pattern: string, payload: unknown): Observable<unknown> {
    this.emitted.push({ pattern, payload });
    return this.emitFails ? throwError(() => new Error('Connection closed')) : of(undefined);
  }

  payloadOf(pattern: string): unknown {
    return this.sent.find((s) => s.pattern === pattern)?.payload;
  }
}

export class SnapshotStore {
  readonly rows: ReportSnapshot[] = [];

  findOne = jest.fn(
    async (options: { where: Partial<ReportSnapshot>; order?: unknown }): Promise<ReportSnapshot | null> => {
      const matching = this.rows
        .filter((r) => Object.entries(options.where).every(([k, v]) => r[k as keyof ReportSnapshot] === v))
        .sort((a, b) => b.version - a.version);
      return matching[0] ?? null;
    },
  );
}

// The issue transaction: advisory lock, MAX(version), insert. Only what the service calls.
export function transactionalDb(store: SnapshotStore): DataSource {
  const em = {
    query: jest.fn(async () => []),
    createQueryBuilder: () => {
      let where: Partial<ReportSnapshot> = {};
      const qb = {
        select: () => qb,
        where: (w: Partial<ReportSnapshot>) => {
          where = w;
          return qb;
        },
        getRawOne: async () => {
          const versions = store.rows
            .filter((r) => r.period === where.period && r.window === where.window && r.unit === where.unit)
            .map((r) => r.version);
          return { max: versions.length === 0 ? null : Math.max(...versions) };
        },
      };
      return qb;
    },
    create: (_: unknown, value: Omit<ReportSnapshot, 'id'>) => ({ ...value }) as ReportSnapshot,
    insert: async (_: unknown, value: ReportSnapshot) => {
      store.rows.push({ ...value, id: String(store.rows.length + 1) });
    },
  };
  return { transaction: async <T>(work: (m: typeof em) => Promise<T>) => work(em) } as unknown as DataSource;
}

export function setup(
  answers: Record<string, Answer> = defaultAnswers(),
  sourceTimeoutMs = 50,
  env: Record<string, string> = {},
) {
  const bus = new ScriptedBus(answers);
  const store = new SnapshotStore();
  const config = loadConfig('reporting', env, { sourceTimeoutMs });
  const sources = new ReportSources(bus as unknown as ClientProxy, config);
  const sut = new ReportsService(
    transactionalDb(store),
    store as unknown as Repository<ReportSnapshot>,
    config,
    new ReportDrafts(sources, config),
    sources,
    new ReportsMetrics(),
  );
  return { sut, bus, store };
}

export async function failure(promise: Promise<unknown>): Promise<ReportError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
}

export async function generatedCount(format: string, outcome: string): Promise<number> {
  const metric = (await metricsRegistry.getSingleMetric('cchc_reports_generated_total')?.get()) as
    { values: Array<{ labels: Record<string, string>; value: number }> } | undefined;
  return metric?.values.find((v) => v.labels.format === format && v.labels.outcome === outcome)?.value ?? 0;
}
