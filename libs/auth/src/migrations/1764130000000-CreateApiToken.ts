import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateApiToken1764130000000 implements MigrationInterface {
  name = 'CreateApiToken1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "auth"."api_token" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "role" text NOT NULL CHECK ("role" IN ('admin', 'editor', 'viewer', 'ingest')),
      "units" text[] NOT NULL DEFAULT '{}',
      "token_hash" text NOT NULL,
      "prefix" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "revoked_at" timestamptz,
      CONSTRAINT "PK_api_token" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_api_token_hash" UNIQUE ("token_hash")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "auth"."api_token"`);
  }
}
