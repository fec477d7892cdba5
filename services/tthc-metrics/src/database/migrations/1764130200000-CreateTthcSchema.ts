import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTthcSchema1764130200000 implements MigrationInterface {
  name = 'CreateTthcSchema1764130200000';

  async up(q: QueryRunner): Promise<void> {
    // The ledger: every accepted event once (the CloudEvents id is the key), append-only.
    await q.query(`CREATE TABLE "tthc"."event" (
      "id" text NOT NULL,
      "type" text NOT NULL,
      "subject_key" text NOT NULL,
      "unit_code" text,
      "time" timestamptz NOT NULL,
      "source" text NOT NULL,
      "envelope" jsonb NOT NULL,
      "transport" text NOT NULL,
      "ingested_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_event" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "IDX_event_subject" ON "tthc"."event" ("subject_key")`);

    // Per-dossier projection, derived from the set of the dossier's events (never edited by hand).
    await q.query(`CREATE TABLE "tthc"."dossier" (
      "dossier_code" text NOT NULL,
      "unit_code" text NOT NULL,
      "procedure_code" text NOT NULL,
      "channel" text NOT NULL,
      "procedure_level" smallint,
      "received_at" timestamptz NOT NULL,
      "received_date" date NOT NULL,
      "due_date" date NOT NULL,
      "rescheduled_due_date" date,
      "end_kind" text CHECK ("end_kind" IN ('resolved', 'withdrawn')),
      "end_date" date,
      "outcome" text,
      "has_apology" boolean NOT NULL,
      "apology_count" int NOT NULL,
      "supplement_request_count" int NOT NULL,
      "postal_return_dates" date[] NOT NULL,
      "anomalies" text[] NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_dossier" PRIMARY KEY ("dossier_code")
    )`);
    await q.query(`CREATE INDEX "IDX_dossier_received" ON "tthc"."dossier" ("received_date")`);
    // Open dossiers are few: a partial index keeps "pending now" and at-risk queries cheap.
    await q.query(
      `CREATE INDEX "IDX_dossier_open" ON "tthc"."dossier" ("due_date") WHERE "end_date" IS NULL`,
    );
    await q.query(`CREATE INDEX "IDX_dossier_end" ON "tthc"."dossier" ("end_date")`);

    await q.query(`CREATE TABLE "tthc"."feedback" (
      "feedback_id" text NOT NULL,
      "unit_code" text NOT NULL,
      "channel" text NOT NULL,
      "received_date" date NOT NULL,
      "due_date" date NOT NULL,
      "resolved_date" date,
      "dossier_code" text,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_feedback" PRIMARY KEY ("feedback_id")
    )`);
    await q.query(`CREATE INDEX "IDX_feedback_received" ON "tthc"."feedback" ("received_date")`);

    // Invalid or poison messages, with their raw payload and reasons: never silently dropped.
    await q.query(`CREATE TABLE "tthc"."dead_letter" (
      "id" bigserial NOT NULL,
      "event_id" text,
      "transport" text NOT NULL,
      "subject" text,
      "reason" text NOT NULL,
      "errors" jsonb NOT NULL,
      "payload" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_dead_letter" PRIMARY KEY ("id")
    )`);

    // The catalog as last PUT; procedures announced by events live beside it (architecture.md §5).
    await q.query(`CREATE TABLE "tthc"."procedure" (
      "code" text NOT NULL,
      "name" text NOT NULL,
      "unit_code" text NOT NULL,
      "level" smallint NOT NULL CHECK ("level" IN (2, 3, 4)),
      "duration_working_days" int,
      "postal_allowed" boolean,
      CONSTRAINT "PK_procedure" PRIMARY KEY ("code")
    )`);
    await q.query(`CREATE TABLE "tthc"."procedure_announcement" (
      "code" text NOT NULL,
      "unit_code" text NOT NULL,
      "level" smallint NOT NULL,
      "announced_at" timestamptz NOT NULL,
      CONSTRAINT "PK_procedure_announcement" PRIMARY KEY ("code")
    )`);

    // Admin-edited working-day calendar entries; empty means the shipped holiday data.
    await q.query(`CREATE TABLE "tthc"."calendar_entry" (
      "date" date NOT NULL,
      "kind" text NOT NULL,
      "name" text NOT NULL,
      "note" text,
      CONSTRAINT "PK_calendar_entry" PRIMARY KEY ("date")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'calendar_entry',
      'procedure_announcement',
      'procedure',
      'dead_letter',
      'feedback',
      'dossier',
      'event',
    ]) {
      await q.query(`DROP TABLE "tthc"."${t}"`);
    }
  }
}
