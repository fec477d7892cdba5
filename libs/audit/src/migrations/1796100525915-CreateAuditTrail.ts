import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateAuditTrail1796100525915 implements MigrationInterface {
  name = 'CreateAuditTrail1796100525915';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit"."audit_entry" (
      "id" bigserial NOT NULL,
      "at" timestamptz NOT NULL DEFAULT now(),
      "service" text NOT NULL,
      "actor_prefix" text NOT NULL,
      "actor_role" text NOT NULL,
      "actor_name" text,
      "action" text NOT NULL,
      "entity" text NOT NULL,
      "entity_id" text NOT NULL,
      "before" jsonb,
      "after" jsonb,
      CONSTRAINT "PK_audit_entry" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "IDX_audit_entry_entity_id" ON "audit"."audit_entry" ("entity", "id")`);
    await q.query(`CREATE INDEX "IDX_audit_entry_at" ON "audit"."audit_entry" ("at")`);
    // Append-only, enforced by the database: no UPDATE, DELETE or TRUNCATE, whoever asks.
    await q.query(`CREATE FUNCTION "audit"."refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP;
      END
    $$`);
    await q.query(
      `CREATE TRIGGER "audit_entry_append_only" BEFORE UPDATE OR DELETE ON "audit"."audit_entry" FOR EACH ROW EXECUTE FUNCTION "audit"."refuse_audit_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "audit_entry_no_truncate" BEFORE TRUNCATE ON "audit"."audit_entry" FOR EACH STATEMENT EXECUTE FUNCTION "audit"."refuse_audit_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit"."audit_entry"`);
    await q.query(`DROP FUNCTION "audit"."refuse_audit_change"()`);
  }
}
