import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AddObjectiveKpi1796101171331 implements MigrationInterface {
  name = 'AddObjectiveKpi1796101171331';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "plan"."objective" ADD "kpi" text CHECK ("kpi" IN ('on_time', 'apology', 'online', 'postal', 'feedback'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plan"."objective" DROP COLUMN "kpi"`);
  }
}
