import { z } from 'zod';
import { REPORT_FORMATS } from '@cchc/contracts';

// Query strings arrive as text; every field is named in the 400 when it is wrong.
// Absent: REPORT_WINDOW (default decree09), filled in by the service.
const window = z.enum(['calendar', 'decree09'], 'must be calendar or decree09').optional();
const unit = z
  .string()
  .regex(/^[a-z0-9-]{1,32}$/, 'must be a unit code ([a-z0-9-]{1,32})')
  .optional();
const flag = z
  .enum(['true', 'false'], 'must be true or false')
  .optional()
  .transform((v) => v === 'true');

export const reportQuerySchema = z
  .object({
    format: z.enum(REPORT_FORMATS, `must be one of ${REPORT_FORMATS.join(', ')}`).default('json'),
    window,
    unit,
    draft: flag,
    version: z.coerce.number('must be a version number').int().min(1).optional(),
  })
  .refine((q) => !(q.draft && q.version !== undefined), {
    message: 'give either draft=true or a version, not both',
    path: ['version'],
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const issueQuerySchema = z.object({ window, unit });
export type IssueQuery = z.infer<typeof issueQuerySchema>;

export const issueBodySchema = z
  .strictObject({
    /** Number the office assigned ("15/BC-SGDĐT" or "15"); left blank on the document otherwise. */
    documentNumber: z.string().trim().min(1).max(50).optional(),
  })
  // No body at all is the usual case.
  .optional()
  .transform((b) => b ?? {});
export type IssueBody = z.infer<typeof issueBodySchema>;

export const listQuerySchema = z.object({
  period: z.string().max(20).optional(),
  window: z.enum(['calendar', 'decree09'], 'must be calendar or decree09').optional(),
  unit,
});
export type ListQuery = z.infer<typeof listQuerySchema>;
