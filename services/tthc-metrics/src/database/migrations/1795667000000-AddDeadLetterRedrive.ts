import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDeadLetterRedrive1795667000000 implements MigrationInterface {
  name = 'AddDeadLetterRedrive1795667000000';

  async up(q: QueryRunner): Promise<void> {
    // When an operator re-sent a dead letter once its cause was fixed (the record itself is kept).
    await q.query(
      `ALTER TABLE "tthc"."dead_letter" ADD COLUMN "redriven_at" timestamptz, ADD COLUMN "redrive_outcome" text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "tthc"."dead_letter" DROP COLUMN "redrive_outcome", DROP COLUMN "redriven_at"`,
    );
  }
}
