import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddHeldEventsAndDeadLetterKeys1796000000000 implements MigrationInterface {
  name = 'AddHeldEventsAndDeadLetterKeys1796000000000';

  async up(q: QueryRunner): Promise<void> {
    // architecture.md §4 rev. 2: a follow-up that arrives before its dossier.received (or
    // feedback.received) is held here with the units its sender may speak for (NULL: any, an admin),
    // and checked against the dossier's unit when the received event arrives.
    await q.query(`CREATE TABLE "tthc"."held_event" (
      "id" text NOT NULL,
      "subject_key" text NOT NULL,
      "sender_units" text[],
      "envelope" jsonb NOT NULL,
      "transport" text NOT NULL,
      "subject" text,
      "held_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_held_event" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "IDX_held_event_subject" ON "tthc"."held_event" ("subject_key")`);

    // One dead letter per payload (its SHA-256), however often it is delivered: a count and the
    // latest reason instead of a row per delivery.
    await q.query(`ALTER TABLE "tthc"."dead_letter"
      ADD COLUMN "payload_hash" text,
      ADD COLUMN "delivery_count" int NOT NULL DEFAULT 1,
      ADD COLUMN "last_seen_at" timestamptz NOT NULL DEFAULT now()`);
    await q.query(
      `UPDATE "tthc"."dead_letter" SET "payload_hash" = encode(sha256(convert_to("payload", 'UTF8')), 'hex'),
         "last_seen_at" = "created_at"`,
    );
    // Fold the rows earlier versions wrote per delivery into the oldest one.
    await q.query(`UPDATE "tthc"."dead_letter" d SET "delivery_count" = s.n, "last_seen_at" = s.last
      FROM (SELECT min(id) AS id, count(*)::int AS n, max(created_at) AS last FROM "tthc"."dead_letter"
            GROUP BY payload_hash) s
      WHERE d.id = s.id`);
    await q.query(`DELETE FROM "tthc"."dead_letter" d USING "tthc"."dead_letter" k
      WHERE d.payload_hash = k.payload_hash AND d.id > k.id`);
    await q.query(`ALTER TABLE "tthc"."dead_letter" ALTER COLUMN "payload_hash" SET NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_dead_letter_payload_hash" ON "tthc"."dead_letter" ("payload_hash")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tthc"."UQ_dead_letter_payload_hash"`);
    await q.query(`ALTER TABLE "tthc"."dead_letter"
      DROP COLUMN "last_seen_at", DROP COLUMN "delivery_count", DROP COLUMN "payload_hash"`);
    await q.query(`DROP TABLE "tthc"."held_event"`);
  }
}
