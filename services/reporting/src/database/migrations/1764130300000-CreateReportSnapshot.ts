import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateReportSnapshot1764130300000 implements MigrationInterface {
  name = 'CreateReportSnapshot1764130300000';

  async up(q: QueryRunner): Promise<void> {
    // unit '' is the whole department, so that the unique key needs no NULL handling.
    await q.query(`CREATE TABLE "reporting"."report_snapshot" (
      "id" bigserial NOT NULL,
      "period" text NOT NULL,
      "window" text NOT NULL CHECK ("window" IN ('calendar', 'decree09')),
      "unit" text NOT NULL DEFAULT '',
      "version" int NOT NULL CHECK ("version" >= 1),
      "content_hash" text NOT NULL CHECK ("content_hash" ~ '^[0-9a-f]{64}$'),
      "model" jsonb NOT NULL,
      "issued_at" timestamptz NOT NULL,
      "issued_by" text,
      CONSTRAINT "PK_report_snapshot" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_report_snapshot_version" UNIQUE ("period", "window", "unit", "version")
    )`);
    await q.query(
      `CREATE INDEX "IDX_report_snapshot_issued_at" ON "reporting"."report_snapshot" ("issued_at" DESC)`,
    );
    // architecture.md §7: a frozen report never changes. Re-issuing adds a version instead.
    await q.query(`CREATE FUNCTION "reporting"."report_snapshot_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'issued report snapshots are frozen: issue a new version instead';
      END
    $$`);
    await q.query(`CREATE TRIGGER "TRG_report_snapshot_frozen" BEFORE UPDATE ON "reporting"."report_snapshot"
      FOR EACH ROW EXECUTE FUNCTION "reporting"."report_snapshot_frozen"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_report_snapshot_frozen" ON "reporting"."report_snapshot"`);
    await q.query(`DROP FUNCTION "reporting"."report_snapshot_frozen"()`);
    await q.query(`DROP TABLE "reporting"."report_snapshot"`);
  }
}
