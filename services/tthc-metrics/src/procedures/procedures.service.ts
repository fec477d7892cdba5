import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { APP_CONFIG, appPath, type AppConfig } from '@cchc/config';
import { TthcError, TthcErrorCode } from '../kpis/kpis.errors';
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
});
export const catalogSchema = z.array(procedureSchema).max(10_000);
export type ProcedureInput = z.infer<typeof procedureSchema>;

export interface ProcedureView extends ProcedureInput {
  /** `catalog`: from the last PUT; `event`: announced by a dossier.received of an unknown procedure. */
  source: 'catalog' | 'event';
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
    const dup = codes.find((c, i) => codes.indexOf(c) !== i);
    if (dup)
      throw new TthcError(
        TthcErrorCode.InvalidQuery,
        `[${codes.lastIndexOf(dup)}].code: duplicate procedure code "${dup}"`,
      );
    await this.db.transaction(async (em) => {
      await em.query('DELETE FROM tthc.procedure');
      if (list.length === 0) return;
      await em.query(
        `INSERT INTO tthc.procedure (code, name, unit_code, level, duration_working_days, postal_allowed)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::int[], $6::boolean[])`,
        [
          codes,
          list.map((p) => p.name),
          list.map((p) => p.unitCode),
          list.map((p) => p.level),
          list.map((p) => p.durationWorkingDays ?? null),
          list.map((p) => p.postalAllowed ?? null),
        ],
      );
    });
    return list.length;
  }

  async list(): Promise<ProcedureView[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT code, name, unit_code, level, duration_working_days, postal_allowed, 'catalog' AS source FROM tthc.procedure
       UNION ALL
       SELECT a.code, a.code, a.unit_code, a.level, NULL, NULL, 'event' FROM tthc.procedure_announcement a
       WHERE NOT EXISTS (SELECT 1 FROM tthc.procedure p WHERE p.code = a.code)
       ORDER BY 1`,
    );
    return rows.map((r) => ({
      code: r.code as string,
      name: r.name as string,
      unitCode: r.unit_code as string,
      level: Number(r.level) as 2 | 3 | 4,
      ...(r.duration_working_days === null ? {} : { durationWorkingDays: Number(r.duration_working_days) }),
      ...(r.postal_allowed === null ? {} : { postalAllowed: r.postal_allowed as boolean }),
      source: r.source as 'catalog' | 'event',
    }));
  }

  /** Unit names for reports: the shipped list, plus any unit code seen in the catalog or dossiers. */
  async units(): Promise<Array<{ code: string; name: string }>> {
    // The shipped file never changes while the process runs: read it once (the gauges ask often).
    this.shippedUnits ??= readFile(appPath(SEED_UNITS_PATH), 'utf8').then((text) =>
      z.array(z.object({ code: z.string(), name: z.string() })).parse(JSON.parse(text)),
    );
    const shipped = await this.shippedUnits;
    const seen: Array<{ unit_code: string }> = await this.db.query(
      'SELECT unit_code FROM tthc.procedure UNION SELECT DISTINCT unit_code FROM tthc.dossier',
    );
    const names = new Map(shipped.map((u) => [u.code, u.name]));
    for (const { unit_code } of seen) if (!names.has(unit_code)) names.set(unit_code, unit_code);
    return [...names.entries()]
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }
}
