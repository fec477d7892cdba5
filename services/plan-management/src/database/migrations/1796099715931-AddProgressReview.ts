import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AddProgressReview1796099715931 implements MigrationInterface {
  name = 'AddProgressReview1796099715931';

  async up(q: QueryRunner): Promise<void> {
    // Reports recorded before the review workflow already counted in reports: they stay approved.
    await q.query(`ALTER TABLE "plan"."task_progress" ADD "review_state" text NOT NULL DEFAULT 'approved'`);
    await q.query(`ALTER TABLE "plan"."task_progress" ALTER COLUMN "review_state" DROP DEFAULT`);
    await q.query(
      `ALTER TABLE "plan"."task_progress" ADD CONSTRAINT "CHK_task_progress_review_state" CHECK ("review_state" IN ('submitted', 'approved', 'returned'))`,
    );
    await q.query(`ALTER TABLE "plan"."task_progress" ADD "reviewed_by" text`);
    await q.query(`ALTER TABLE "plan"."task_progress" ADD "reviewed_at" timestamptz`);
    await q.query(`ALTER TABLE "plan"."task_progress" ADD "review_comment" text`);
    // A returned report always says why (architecture.md §6).
    await q.query(
      `ALTER TABLE "plan"."task_progress" ADD CONSTRAINT "CHK_task_progress_return_comment" CHECK ("review_state" <> 'returned' OR "review_comment" IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plan"."task_progress" DROP CONSTRAINT "CHK_task_progress_return_comment"`);
    await q.query(`ALTER TABLE "plan"."task_progress" DROP COLUMN "review_comment"`);
    await q.query(`ALTER TABLE "plan"."task_progress" DROP COLUMN "reviewed_at"`);
    await q.query(`ALTER TABLE "plan"."task_progress" DROP COLUMN "reviewed_by"`);
    await q.query(`ALTER TABLE "plan"."task_progress" DROP CONSTRAINT "CHK_task_progress_review_state"`);
    await q.query(`ALTER TABLE "plan"."task_progress" DROP COLUMN "review_state"`);
  }
}
