// The service index of architecture.md §5b (QĐ 766/QĐ-TTg, revision 2): the response of
// `GET /api/v1/tthc/service-index` and of the NATS query `Patterns.tthc.serviceIndex`. Field names
// and meanings are fixed: the reporting service validates what it receives with this schema.
import { z } from 'zod';

/** Indicators this system computes from the events and the catalog (§5b "Measured here"). */
export const MEASURED_SERVICE_INDICATORS = [
  '2.1',
  '3.1',
  '3.2',
  '3.3',
  '3.6',
  '4.1',
  '4.2',
  '4.3',
  '5.2',
  '5.3',
  '5.4',
] as const;
/** Indicators listed with `score: null` and `reason: "not measured"` (§5b). */
export const UNMEASURED_SERVICE_INDICATORS = [
  '1.1',
  '1.2',
  '1.3',
  '1.4',
  '2.2',
  '3.5a',
  '3.5b',
  '4.4',
  '4.5',
  '5.1',
] as const;
export type ServiceIndicatorCode =
  (typeof MEASURED_SERVICE_INDICATORS)[number] | (typeof UNMEASURED_SERVICE_INDICATORS)[number];

/** The five groups of QĐ 766 and their maxima (total 100). */
export const SERVICE_INDEX_GROUPS = ['1', '2', '3', '4', '5'] as const;
export type ServiceIndexGroupCode = (typeof SERVICE_INDEX_GROUPS)[number];

const ratioOrNull = z.number().min(0).max(1).nullable();
const score = z.number().min(0).nullable();

export const serviceIndicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Null for an indicator that is not measured. */
  numerator: z.number().int().min(0).nullable(),
  denominator: z.number().int().min(0).nullable(),
  /** numerator / denominator; null when the denominator is 0 or the indicator is not measured. */
  ratio: ratioOrNull,
  /** The ratio that earns the maximum (0.8 for 3.1, 4.2, 4.3; 0.5 for 3.3; 0.9 for 5.4; else 1). */
  target: z.number().positive(),
  max: z.number().min(0),
  /** min(max, max × ratio / target), 2 decimals; null when ratio is null. */
  score,
  /** Present when the indicator is not measured: "not measured". */
  reason: z.string().optional(),
});
export type ServiceIndicator = z.infer<typeof serviceIndicatorSchema>;

export const serviceIndexGroupSchema = z.object({
  code: z.enum(SERVICE_INDEX_GROUPS),
  name: z.string(),
  max: z.number().min(0),
  /** Sum of the group's non-null scores (2 decimals); null when none is non-null. */
  score,
  indicators: z.array(serviceIndicatorSchema),
});
export type ServiceIndexGroup = z.infer<typeof serviceIndexGroupSchema>;

export const serviceIndexResultSchema = z.object({
  period: z.object({
    from: z.string(),
    to: z.string(),
    window: z.enum(['calendar', 'decree09']),
  }),
  scope: z.object({ unit: z.string().nullable() }),
  groups: z.array(serviceIndexGroupSchema),
  total: z.object({
    /** Sum of the non-null indicator scores, 2 decimals. */
    score: z.number().min(0),
    /** Sum of the maxima of the indicators with a non-null score. */
    maxMeasured: z.number().min(0),
    /** 100 × score / maxMeasured, 2 decimals; null when maxMeasured is 0. */
    normalized: z.number().min(0).max(100).nullable(),
  }),
});
export type ServiceIndexResult = z.infer<typeof serviceIndexResultSchema>;

export interface ServiceIndexQuery {
  /** `YYYY-Qn`, `YYYY-Hn`, `YYYY-9M`, `YYYY`, `YYYY-MM`; or give `from` and `to`. */
  period?: string;
  from?: string;
  to?: string;
  window?: 'calendar' | 'decree09';
  unit?: string;
}
