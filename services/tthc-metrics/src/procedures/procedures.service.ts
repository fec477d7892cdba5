import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { APP_CONFIG, appPath, type AppConfig } from '@cchc/config';
import { TthcError, TthcErrorCode } from '../kpis/kpis.errors';
import type { Db } from '../kpis/serial-read';
import { TTHC_CONNECTION } from '../tthc.constants';

/** The shipped catalog of procedures under a provincial Department of Education's competence. */
export const SEED_PROCEDURES_PATH = 'services/tthc-metrics/seed/procedures.json';
export const SEED_UNITS_PATH = 'services/tthc-metrics/seed/units.json';

export const procedureSchema = z.strictObject({
  code: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(1000),
  unitCode: z.string().regex(/^[a-z0-9-]{1,32}$/, 'unit codes are [a-z0-9-]{1,32}'),
  level: z.union([z.literal(2), z.literal(3), z.literal(4)]),
  durationWorkingDays: z.number().int().positive().optional(),
  postalAllowed: z.boolean().optional(),
  // Catalog revision 2 (architecture.md §5b).
  /** Decree 42/2022: `partial` (một phần) or `full` (toàn trình); absent → from `level`. */
  onlineService: z.enum(['none', 'partial', 'full']).optional(),
  paperResultRequired: z.boolean().optional(),
  feeBearing: z.boolean().optional(),
  /** Lĩnh vực, e.g. "Thi, tuyển sinh" (rows of Biểu II.06a). */
  field: z.string().trim().min(1).max(200).optional(),
  /** First day this version is in force; absent = always. A period uses the version in force at its end. */
  validFrom: z.iso.date('validFrom: expected a date YYYY-MM-DD').optional(),
  /** Where the code and level were confirmed (a provincial decision, the national portal). */
  source: z.string().trim().min(1).max(1000).optional(),
});
export const catalogSchema = z.array(procedureSchema).max(10_000);
export type ProcedureInput = z.infer<typeof procedureSchema>;

export interface ProcedureView extends Omit<ProcedureInput, 'source'> {
  /** `catalog`: from the last PUT; `event`: announced by a dossier.received of an unknown procedure. */
  origin: 'catalog' | 'event';
  /** Where the code was confirmed (catalog entries that say so). */
  source?: string;
}

@Injectable()
export class ProceduresService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProceduresService.name);
  private shippedUnits: Promise<Array<{ code: string; name: string }>> | undefined;

  constructor(
    @InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.service !== 'all-in-one' || !this.config.seedCatalog) return;
    const rows: Array<{ n: number }> = await this.db.query('SELECT count(*)::int AS n FROM tthc.procedure');
    if ((rows[0]?.n ?? 0) > 0) return;
    const catalog = catalogSchema.parse(JSON.parse(await readFile(appPath(SEED_PROCEDURES_PATH), 'utf8')));
    await this.replace(catalog);
    this.logger.log(`Loaded the procedure catalog: ${catalog.length} procedures`);
  }

  /** Replaces the catalog (architecture.md §5: PUT replaces it), in one transaction. */
  async replace(list: ProcedureInput[]): Promise<number> {
    const codes = list.map((p) => p.code);
    // One row per (code, validFrom): several dated versions of a code are allowed.
    const versions = list.map((p) => `${p.code}@${p.validFrom ?? ''}`);
    const dup = versions.findIndex((v, i) => versions.indexOf(v) !== i);
    if (dup >= 0)
      throw new TthcError(
        TthcErrorCode.InvalidQuery,
        `[${dup}].code: duplicate procedure code "${list[dup].code}"` +
          (list[dup].validFrom ? ` with validFrom ${list[dup].validFrom}` : ''),
      );
    await this.db.transaction(async (em) => {
      await em.query('DELETE FROM tthc.procedure');
      if (list.length === 0) return;
      await em.query(
        `INSERT INTO tthc.procedure (code, name, unit_code, level, duration_working_days, postal_allowed,
           online_service, paper_result_required, fee_bearing, field, valid_from, source)
         SELECT code, name, unit_code, level, duration_working_days, postal_allowed, online_service,
           paper_result_required, fee_bearing, field, COALESCE(valid_from, '-infinity'), source
         FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::int[], $6::boolean[], $7::text[],
           $8::boolean[], $9::boolean[], $10::text[], $11::date[], $12::text[])
           AS t(code, name, unit_code, level, duration_working_days, postal_allowed, online_service,
             paper_result_required, fee_bearing, field, valid_from, source)`,
        [
          codes,
          list.map((p) => p.name),
          list.map((p) => p.unitCode),
          list.map((p) => p.level),
          list.map((p) => p.durationWorkingDays ?? null),
          list.map((p) => p.postalAllowed ?? null),
          list.map((p) => p.onlineService ?? null),
          list.map((p) => p.paperResultRequired ?? null),
          list.map((p) => p.feeBearing ?? null),
          list.map((p) => p.field ?? null),
          list.map((p) => p.validFrom ?? null),
          list.map((p) => p.source ?? null),
        ],
      );
    });
    return list.length;
  }

  async list(): Promise<ProcedureView[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT code, name, unit_code, level, duration_working_days, postal_allowed, online_service,
         paper_result_required, fee_bearing, field,
         CASE WHEN valid_from = '-infinity' THEN NULL ELSE valid_from::text END AS valid_from, source,
         'catalog' AS origin FROM tthc.procedure
       UNION ALL
       SELECT a.code, a.code, a.unit_code, a.level, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'event'
       FROM tthc.procedure_announcement a
       WHERE NOT EXISTS (SELECT 1 FROM tthc.procedure p WHERE p.code = a.code)
       ORDER BY 1, 11 NULLS FIRST`,
    );
    return rows.map((r) => ({
      code: r.code as string,
      name: r.name as string,
      unitCode: r.unit_code as string,
      level: Number(r.level) as 2 | 3 | 4,
      ...(r.duration_working_days === null ? {} : { durationWorkingDays: Number(r.duration_working_days) }),
      ...(r.postal_allowed === null ? {} : { postalAllowed: r.postal_allowed as boolean }),
      ...(r.online_service === null
        ? {}
        : { onlineService: r.online_service as 'none' | 'partial' | 'full' }),
      ...(r.paper_result_required === null
        ? {}
        : { paperResultRequired: r.paper_result_required as boolean }),
      ...(r.fee_bearing === null ? {} : { feeBearing: r.fee_bearing as boolean }),
      ...(r.field === null ? {} : { field: r.field as string }),
      ...(r.valid_from === null ? {} : { validFrom: r.valid_from as string }),
      ...(r.source === null ? {} : { source: r.source as string }),
      origin: r.origin as 'catalog' | 'event',
    }));
  }

  /**
   * Unit names for reports: the shipped list, plus any unit code seen in the catalog or dossiers.
   * `db`: the pool by default, or the caller's transaction (the gauges' background refresh).
   */
  async units(db: Db = this.db): Promise<Array<{ code: string; name: string }>> {
    // The shipped file never changes while the process runs: read it once (the gauges ask often).
    this.shippedUnits ??= readFile(appPath(SEED_UNITS_PATH), 'utf8').then((text) =>
      z.array(z.object({ code: z.string(), name: z.string() })).parse(JSON.parse(text)),
    );
    const shipped = await this.shippedUnits;
    // The units with dossiers from the KPI counters (every regular dossier counts one receipt,
    // rcv_<channel>, in its unit's month) plus the irregular dossiers (partial index): a DISTINCT
    // over tthc.dossier scanned every dossier (2.5 s at 300,000, once per report).
    const seen: Array<{ unit_code: string }> = await db.query(
      `SELECT unit_code FROM tthc.procedure
       UNION SELECT unit_code FROM tthc.kpi_month WHERE key IN ('rcv_online', 'rcv_direct', 'rcv_postal') AND n > 0
       UNION SELECT unit_code FROM tthc.dossier WHERE kpi_irregular`,
    );
    const names = new Map(shipped.map((u) => [u.code, u.name]));
    for (const { unit_code } of seen) if (!names.has(unit_code)) names.set(unit_code, unit_code);
    return [...names.entries()]
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }
}
