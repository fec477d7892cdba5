import { Injectable } from '@nestjs/common';
import type { PlanView } from '@cchc/contracts';
import type { PlanDocument, UnitRef } from './plan-document';
import { PlanQueriesService } from './plan-queries.service';
import { planToXlsx } from './plan-xlsx-export';

/** Plans out: the stored plan as its document, and as a workbook in the appendix's shape. */
@Injectable()
export class PlanExportService {
  constructor(private readonly queries: PlanQueriesService) {}

  async document(planId: string): Promise<PlanDocument> {
    const plan = await this.queries.findPlanOrFail(planId);
    const view = await this.queries.getPlanStatuses(planId);
    return toDocument(view, plan.units);
  }

  async xlsx(planId: string): Promise<Buffer> {
    return planToXlsx(await this.document(planId));
  }
}

/** The plan document a view was imported from: units by code, with the row's wording where it differs. */
function toDocument(
  view: PlanView,
  units: Array<{ code: string; name: string; aliases?: string[] }>,
): PlanDocument {
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  const refs = (codes: string[], names: string[]): UnitRef[] =>
    codes.map((code, i) =>
      names[i] === undefined || names[i] === nameOf.get(code) ? code : { code, as: names[i] },
    );
  return {
    year: view.year,
    title: view.title,
    decision: view.decision,
    units: units.map((u) => ({ code: u.code, name: u.name, aliases: u.aliases ?? [] })),
    objectives: view.objectives.map((o) => ({
      code: o.code,
      text: o.text,
      target: o.target,
      kpi: o.kpi ?? null,
      tasks: o.tasks ?? [],
    })),
    requirements: view.requirements,
    sections: view.sections.map((s) => ({
      code: s.code,
      title: s.title,
      groups: s.groups,
      tasks: view.tasks
        .filter((t) => t.section === s.code)
        .map((t) => ({
          code: t.code,
          ...(t.group ? { group: t.group.code } : {}),
          content: t.content,
          products: t.products,
          leadUnits: refs(t.leadUnitCodes, t.leadUnits),
          coordinatingUnits: refs(t.coordinatingUnitCodes, t.coordinatingUnits),
          timeframe: t.timeframe.text,
          budgetMillionVnd: t.budgetMillionVnd,
        })),
    })),
  };
}
