import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * architecture.md §7 revision 2: an issued report's JSON, DOCX and XLSX are stored at issue, so
 * that every download returns the same bytes (the published content hash can be checked against
 * a file). Snapshots issued before this migration have none and are rendered from their model.
 */
export class AddReportSnapshotFiles1764500000000 implements MigrationInterface {
  name = 'AddReportSnapshotFiles1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // Nullable columns without a default: no row is rewritten, so the frozen-row trigger stays quiet.
    await q.query(`ALTER TABLE "reporting"."report_snapshot"
      ADD COLUMN "json_file" bytea,
      ADD COLUMN "docx_file" bytea,
      ADD COLUMN "xlsx_file" bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reporting"."report_snapshot"
      DROP COLUMN "json_file",
      DROP COLUMN "docx_file",
      DROP COLUMN "xlsx_file"`);
  }
}
