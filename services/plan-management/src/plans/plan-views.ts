import type { ObjectiveView, ProgressView } from '@cchc/contracts';
import type { Objective } from './objective.entity';
import type { TaskProgress } from './task-progress.entity';

/** A stored progress report as the API shows it. */
export function toProgressView(p: TaskProgress): ProgressView {
  return {
    id: p.id,
    period: p.period,
    status: p.status,
    percent: p.percent,
    note: p.note,
    evidence: p.evidence,
    recordedAt: p.recordedAt.toISOString(),
    recordedBy: p.recordedBy,
    review: {
      state: p.reviewState,
      by: p.reviewedBy,
      at: p.reviewedAt?.toISOString() ?? null,
      comment: p.reviewComment,
    },
  };
}

export function toObjectiveView(o: Objective): ObjectiveView {
  return {
    code: o.code,
    text: o.text,
    target:
      o.targetValue === null || o.targetUnit === null ? null : { value: o.targetValue, unit: o.targetUnit },
    actual:
      o.actualValue === null || o.actualUnit === null || o.actualAsOf === null
        ? null
        : {
            value: o.actualValue,
            unit: o.actualUnit,
            asOf: o.actualAsOf,
            note: o.actualNote,
            source: 'manual',
          },
    kpi: o.kpi,
    tasks: o.taskCodes ?? [],
  };
}
