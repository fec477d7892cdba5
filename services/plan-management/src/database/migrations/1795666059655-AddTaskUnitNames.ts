import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AddTaskUnitNames1795666059655 implements MigrationInterface {
  name = 'AddTaskUnitNames1795666059655';

  async up(q: QueryRunner): Promise<void> {
    // Tasks imported earlier keep '{}' and are shown with their units' names.
    await q.query(`ALTER TABLE "plan"."task" ADD "lead_unit_names" text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "plan"."task" ADD "coordinating_unit_names" text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plan"."task" DROP COLUMN "coordinating_unit_names"`);
    await q.query(`ALTER TABLE "plan"."task" DROP COLUMN "lead_unit_names"`);
  }
}
