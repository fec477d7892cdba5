import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AddObjectiveTasks1796200000000 implements MigrationInterface {
  name = 'AddObjectiveTasks1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plan"."objective" ADD "task_codes" text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plan"."objective" DROP COLUMN "task_codes"`);
  }
}
