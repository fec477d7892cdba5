import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service index (§5b, indicator 5.4) asks, for every resolved dossier of the period, whether a
 * PAKN names it (`feedback.dossier_code`). Without an index that is a scan of the feedback per
 * dossier: 4.8 s for a quarter of 35,000 dossiers against 4,500 feedback rows, 11–15 s for a
 * report at 1 M dossiers (docs/benchmarks.md). With it, one index probe per dossier.
 */
export class AddFeedbackDossierIndex1796300000000 implements MigrationInterface {
  name = 'AddFeedbackDossierIndex1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_feedback_dossier" ON "tthc"."feedback" ("dossier_code") WHERE "dossier_code" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tthc"."IDX_feedback_dossier"`);
  }
}
