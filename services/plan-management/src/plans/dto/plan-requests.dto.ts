import { z } from 'zod';
import { TASK_STATUSES } from '@cchc/contracts';

const isoDate = z.iso.date('must be a YYYY-MM-DD date');

// The periods of architecture.md §5 (a progress report covers one of them).
const period = z
  .string()
  .regex(
    /^\d{4}(-(Q[1-4]|H[12]|9M|(0[1-9]|1[0-2])))?$/,
    'must be a period: YYYY-Qn, YYYY-Hn, YYYY-9M, YYYY or YYYY-MM',
  );

export const progressSchema = z.strictObject({
  period,
  status: z
    .enum(TASK_STATUSES as [string, ...string[]])
    .transform((s) => s as (typeof TASK_STATUSES)[number]),
  percent: z.number().int('must be a whole number').min(0).max(100),
  note: z.string().trim().max(4000).nullable().optional(),
  evidence: z
    .array(
      z.strictObject({
        docNo: z.string().trim().min(1).max(200),
        date: isoDate,
        title: z.string().trim().min(1).max(1000),
      }),
    )
    .max(100)
    .default([]),
});
export type ProgressRequest = z.infer<typeof progressSchema>;

export const objectiveActualSchema = z.strictObject({
  value: z.number(),
  unit: z.string().trim().min(1).max(50),
  asOf: isoDate,
  note: z.string().trim().max(4000).nullable().optional(),
});
export type ObjectiveActualRequest = z.infer<typeof objectiveActualSchema>;

export const listPlansQuerySchema = z.object({
  year: z.coerce.number().int().min(1900).max(9999).optional(),
  asOf: isoDate.optional(),
});

export const planQuerySchema = z.object({
  asOf: isoDate.optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export const summaryQuerySchema = z.object({ asOf: isoDate.optional() });

/** Approving may say something; returning must say why (architecture.md §6). */
export const approveSchema = z.strictObject({
  comment: z.string().trim().min(1).max(4000).nullable().optional(),
});
export type ApproveRequest = z.infer<typeof approveSchema>;

export const returnSchema = z.strictObject({
  comment: z
    .string({ error: 'is required when returning a report' })
    .trim()
    .min(1, 'is required when returning a report')
    .max(4000),
});
export type ReturnRequest = z.infer<typeof returnSchema>;

export const remindersQuerySchema = z.object({ asOf: isoDate.optional() });
