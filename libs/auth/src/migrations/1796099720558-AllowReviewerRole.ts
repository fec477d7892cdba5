import { type MigrationInterface, type QueryRunner } from 'typeorm';

// Revision 2 (architecture.md §3): the `reviewer` role, the Văn phòng reviewing units' progress.
export class AllowReviewerRole1796099720558 implements MigrationInterface {
  name = 'AllowReviewerRole1796099720558';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "auth"."api_token" DROP CONSTRAINT "api_token_role_check"`);
    await q.query(
      `ALTER TABLE "auth"."api_token" ADD CONSTRAINT "api_token_role_check" CHECK ("role" IN ('admin', 'editor', 'viewer', 'ingest', 'reviewer'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The old constraint cannot hold reviewer tokens: they go with the role.
    await q.query(`DELETE FROM "auth"."api_token" WHERE "role" = 'reviewer'`);
    await q.query(`ALTER TABLE "auth"."api_token" DROP CONSTRAINT "api_token_role_check"`);
    await q.query(
      `ALTER TABLE "auth"."api_token" ADD CONSTRAINT "api_token_role_check" CHECK ("role" IN ('admin', 'editor', 'viewer', 'ingest'))`,
    );
  }
}
