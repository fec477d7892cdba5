import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreatePlanSchema1764130100000 implements MigrationInterface {
  name = 'CreatePlanSchema1764130100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "plan"."plan" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "year" int NOT NULL,
      "title" text NOT NULL,
      "decision_number" text NOT NULL,
      "decision_date" date NOT NULL,
      "issuer" text NOT NULL,
      "signer" text NOT NULL,
      "signer_title" text NOT NULL,
      "units" jsonb NOT NULL,
      "requirements" jsonb NOT NULL,
      "sections" jsonb NOT NULL,
      "imported_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_plan" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_plan_decision" UNIQUE ("year", "decision_number")
    )`);
    await q.query(`CREATE TABLE "plan"."objective" (
      "plan_id" uuid NOT NULL REFERENCES "plan"."plan"("id") ON DELETE CASCADE,
      "code" text NOT NULL,
      "position" int NOT NULL,
      "text" text NOT NULL,
      "target_value" double precision,
      "target_unit" text,
      "actual_value" double precision,
      "actual_unit" text,
      "actual_as_of" date,
      "actual_note" text,
      CONSTRAINT "PK_objective" PRIMARY KEY ("plan_id", "code")
    )`);
    await q.query(`CREATE TABLE "plan"."task" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "plan_id" uuid NOT NULL REFERENCES "plan"."plan"("id") ON DELETE CASCADE,
      "code" text NOT NULL,
      "position" int NOT NULL,
      "section_code" text NOT NULL,
      "group_code" text,
      "content" text NOT NULL,
      "products" text[] NOT NULL,
      "lead_units" text[] NOT NULL,
      "coordinating_units" text[] NOT NULL,
      "timeframe_text" text NOT NULL,
      "timeframe_kind" text NOT NULL,
      "timeframe_start" date,
      "timeframe_end" date,
      "budget_million_vnd" numeric,
      CONSTRAINT "PK_task" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_task_code" UNIQUE ("plan_id", "code")
    )`);
    await q.query(`CREATE TABLE "plan"."task_progress" (
      "id" bigserial NOT NULL,
      "task_id" uuid NOT NULL REFERENCES "plan"."task"("id") ON DELETE CASCADE,
      "period" text NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('not_started', 'in_progress', 'completed', 'overdue')),
      "percent" int NOT NULL CHECK ("percent" BETWEEN 0 AND 100),
      "note" text,
      "evidence" jsonb NOT NULL DEFAULT '[]',
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      "recorded_by" text,
      CONSTRAINT "PK_task_progress" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "IDX_task_progress_task" ON "plan"."task_progress" ("task_id", "id" DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "plan"."task_progress"`);
    await q.query(`DROP TABLE "plan"."task"`);
    await q.query(`DROP TABLE "plan"."objective"`);
    await q.query(`DROP TABLE "plan"."plan"`);
  }
}
