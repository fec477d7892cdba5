// Request/reply contracts between services (architecture.md "Typed messages"). Each query pattern
// has a zod schema for its request and one for its reply; both sides check them (the handler its
// request, the requester the reply), so a version-skewed peer gets a coded error naming the field.
//
// VERSIONING: the schema version is the `.v<major>` suffix of the pattern (`cchc.tthc.query.kpis.v1`).
// Within a version only backwards-compatible changes are allowed: new OPTIONAL reply fields (replies
// are checked loosely, unknown fields pass) and nothing new in requests (requests are strict, so a
// newer requester's unknown filter is refused instead of silently ignored). Anything else is a new
// pattern `.v2` with its own schemas here, served beside `.v1` until every requester has moved.
import { z } from 'zod';
import { serviceIndexResultSchema } from './service-index';
import { Patterns } from './subjects';

const window = z.enum(['calendar', 'decree09']);
const ratio = z.number().nullable();
const count = z.number().int().min(0);

export const kpiQuerySchema = z.strictObject({
  period: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  window: window.optional(),
  unit: z.string().optional(),
  procedure: z.string().optional(),
});

export const kpiResultSchema = z.looseObject({
  period: z.looseObject({ from: z.string(), to: z.string(), window }),
  scope: z.looseObject({ unit: z.string().nullable(), procedure: z.string().nullable() }),
  received: z.looseObject({ total: count, online: count, direct: count, postal: count, carriedOver: count }),
  resolved: z.looseObject({ total: count, early: count, onTime: count, late: count }),
  pending: z.looseObject({ total: count, withinTime: count, awaitingSupplement: count, overdue: count }),
  withdrawn: count,
  onTimeRate: ratio,
  apology: z.looseObject({
    lateDossiers: count,
    withApology: count,
    withoutApology: count,
    coverage: ratio,
    inTime: count,
    inTimeRate: ratio,
  }),
  online: z.looseObject({
    dossierRate: ratio,
    proceduresLevel3or4: count,
    proceduresTotal: count,
    procedureRate: ratio,
  }),
  postal: z.looseObject({ received: count, returned: count }),
  feedback: z.looseObject({
    received: count,
    resolved: count,
    resolvedOnTime: count,
    pending: count,
    overdue: count,
    onTimeRate: ratio,
  }),
  dataQuality: z.looseObject({ anomalies: count }),
});

export const kpiByUnitResultSchema = z.looseObject({
  period: kpiResultSchema.shape.period,
  total: kpiResultSchema,
  units: z.array(z.looseObject({ unit: z.string(), kpis: kpiResultSchema })),
});

export const serviceIndexQuerySchema = z.strictObject({
  period: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  window: window.optional(),
  unit: z.string().optional(),
});

export const catalogQuerySchema = z.strictObject({});

export const catalogResultSchema = z.looseObject({
  procedures: z.array(
    z.looseObject({
      code: z.string(),
      name: z.string(),
      unitCode: z.string(),
      field: z.string().nullish(),
    }),
  ),
  units: z.array(z.looseObject({ code: z.string(), name: z.string() })),
});

export const listPlansQuerySchema = z
  .strictObject({ year: z.number().int().optional(), asOf: z.string().optional() })
  .nullable();
export const planQuerySchema = z.strictObject({ planId: z.string().min(1), asOf: z.string().optional() });

// Plan views are large documents: the reply schemas check the fields requesters rely on.
const objectiveSchema = z.looseObject({
  code: z.string(),
  text: z.string(),
  kpi: z.enum(['on_time', 'apology', 'online', 'postal', 'feedback']).nullish(),
});
export const planViewSchema = z.looseObject({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  objectives: z.array(objectiveSchema),
  units: z.array(z.looseObject({ code: z.string(), name: z.string() })),
  tasks: z.array(z.looseObject({ code: z.string() })),
  statusAsOf: z.string(),
  statusPeriod: z.string(),
});
const byStatus = z.record(z.string(), count);
export const planSummarySchema = z.looseObject({
  planId: z.string(),
  asOf: z.string(),
  period: z.string(),
  tasks: z.looseObject({ total: count, byStatus }),
  pendingReview: count,
  bySection: z.array(z.looseObject({ section: z.string(), total: count, byStatus })),
  byLeadUnit: z.array(z.looseObject({ unit: z.string(), total: count, byStatus })),
  overdueTasks: z.array(z.looseObject({ code: z.string() })),
  budget: z.looseObject({ plannedMillionVnd: z.number() }),
});

/** Every request/reply pattern with the schemas of its request and reply. */
export const QueryContracts = {
  [Patterns.tthc.kpis]: { request: kpiQuerySchema, reply: kpiResultSchema },
  [Patterns.tthc.kpisByUnit]: { request: kpiQuerySchema, reply: kpiByUnitResultSchema },
  [Patterns.tthc.serviceIndex]: { request: serviceIndexQuerySchema, reply: serviceIndexResultSchema },
  [Patterns.tthc.procedures]: { request: catalogQuerySchema, reply: catalogResultSchema },
  [Patterns.plans.list]: { request: listPlansQuerySchema, reply: z.array(planViewSchema) },
  [Patterns.plans.get]: { request: planQuerySchema, reply: planViewSchema },
  [Patterns.plans.summary]: { request: planQuerySchema, reply: planSummarySchema },
} as const;

export type QueryPattern = keyof typeof QueryContracts;
export type QueryRequest<P extends QueryPattern> = z.input<(typeof QueryContracts)[P]['request']>;
export type QueryReply<P extends QueryPattern> = z.output<(typeof QueryContracts)[P]['reply']>;

export function isQueryPattern(pattern: string): pattern is QueryPattern {
  return Object.prototype.hasOwnProperty.call(QueryContracts, pattern);
}
