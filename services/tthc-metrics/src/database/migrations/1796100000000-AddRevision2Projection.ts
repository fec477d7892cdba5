import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contract revision 2 (architecture.md §5, §5b): the dossier projection keeps what the KPIs need to
 * judge a dossier at any cut-off (due date in force, supplementation, apology timeliness) and what
 * the service index counts; the catalog gains dated versions and the QĐ 766 flags.
 *
 * Rows projected before this migration carry `projection_version = 1`; the ledger recomputes them
 * from their stored events at start-up (LedgerService.reprojectStale), so no number is ever computed
 * from a half-filled row.
 */
export class AddRevision2Projection1796100000000 implements MigrationInterface {
  name = 'AddRevision2Projection1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tthc"."dossier"
      ADD COLUMN "original_due_date" date,
      ADD COLUMN "due_change_dates" date[] NOT NULL DEFAULT '{}',
      ADD COLUMN "due_change_values" date[] NOT NULL DEFAULT '{}',
      ADD COLUMN "late_by_supplement_from" date,
      ADD COLUMN "awaiting_supplement" datemultirange NOT NULL DEFAULT '{}',
      ADD COLUMN "due_date_at_end" date,
      ADD COLUMN "first_apology_date" date,
      ADD COLUMN "first_apology_in_time" boolean NOT NULL DEFAULT false,
      ADD COLUMN "digitized" boolean NOT NULL DEFAULT false,
      ADD COLUMN "reused_data" boolean NOT NULL DEFAULT false,
      ADD COLUMN "e_result" boolean NOT NULL DEFAULT false,
      ADD COLUMN "first_online_payment_date" date,
      ADD COLUMN "first_dissatisfied_date" date,
      ADD COLUMN "projection_version" smallint NOT NULL DEFAULT 1`);
    await q.query(
      `UPDATE "tthc"."dossier" SET "original_due_date" = "due_date",
         "due_date_at_end" = CASE WHEN "end_date" IS NULL THEN NULL ELSE "due_date" END`,
    );
    await q.query(`ALTER TABLE "tthc"."dossier" ALTER COLUMN "original_due_date" SET NOT NULL`);
    await q.query(
      `CREATE INDEX "IDX_dossier_stale" ON "tthc"."dossier" ("projection_version") WHERE "projection_version" < 2`,
    );

    await q.query(`ALTER TABLE "tthc"."feedback"
      ADD COLUMN "satisfaction" text CHECK ("satisfaction" IN ('satisfied', 'dissatisfied')),
      ADD COLUMN "projection_version" smallint NOT NULL DEFAULT 1`);

    // Catalog revision 2: several dated versions per code; '-infinity' = in force since always.
    await q.query(`ALTER TABLE "tthc"."procedure"
      ADD COLUMN "online_service" text CHECK ("online_service" IN ('none', 'partial', 'full')),
      ADD COLUMN "paper_result_required" boolean,
      ADD COLUMN "fee_bearing" boolean,
      ADD COLUMN "field" text,
      ADD COLUMN "valid_from" date NOT NULL DEFAULT '-infinity',
      ADD COLUMN "source" text`);
    await q.query(`ALTER TABLE "tthc"."procedure" DROP CONSTRAINT "PK_procedure"`);
    await q.query(
      `ALTER TABLE "tthc"."procedure" ADD CONSTRAINT "PK_procedure" PRIMARY KEY ("code", "valid_from")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Keeps the latest version of each code, as revision 1 had one row per code.
    await q.query(`DELETE FROM "tthc"."procedure" p USING "tthc"."procedure" n
      WHERE n."code" = p."code" AND n."valid_from" > p."valid_from"`);
    await q.query(`ALTER TABLE "tthc"."procedure" DROP CONSTRAINT "PK_procedure"`);
    await q.query(`ALTER TABLE "tthc"."procedure" ADD CONSTRAINT "PK_procedure" PRIMARY KEY ("code")`);
    await q.query(`ALTER TABLE "tthc"."procedure" DROP COLUMN "source", DROP COLUMN "valid_from",
      DROP COLUMN "field", DROP COLUMN "fee_bearing", DROP COLUMN "paper_result_required", DROP COLUMN "online_service"`);
    await q.query(
      `ALTER TABLE "tthc"."feedback" DROP COLUMN "projection_version", DROP COLUMN "satisfaction"`,
    );
    await q.query(`DROP INDEX "tthc"."IDX_dossier_stale"`);
    await q.query(`ALTER TABLE "tthc"."dossier"
      DROP COLUMN "projection_version", DROP COLUMN "first_dissatisfied_date", DROP COLUMN "first_online_payment_date",
      DROP COLUMN "e_result", DROP COLUMN "reused_data", DROP COLUMN "digitized", DROP COLUMN "first_apology_in_time",
      DROP COLUMN "first_apology_date", DROP COLUMN "due_date_at_end", DROP COLUMN "awaiting_supplement",
      DROP COLUMN "late_by_supplement_from", DROP COLUMN "due_change_values", DROP COLUMN "due_change_dates",
      DROP COLUMN "original_due_date"`);
  }
}
