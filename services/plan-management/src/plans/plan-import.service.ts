import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import { DataSource, Repository } from 'typeorm';
import { AuditService, type AuditActor } from '@cchc/audit';
import { APP_CONFIG, appPath, type AppConfig } from '@cchc/config';
import type { PlanView } from '@cchc/contracts';
import { Objective } from './objective.entity';
import {
  loadPlanYaml,
  parsePlanDocument,
  writtenUnits,
  type PlanDocument,
  type PlanDocumentResult,
} from './plan-document';
import { PlanGaugesService } from './plan-gauges.service';
import { planFromXlsx } from './plan-xlsx-import';
import { PlanQueriesService } from './plan-queries.service';
import { Plan } from './plan.entity';
import { PLAN_CONNECTION, SEED_PLAN_PATH } from './plans.constants';
import { PlanError, PlanErrorCode } from './plans.errors';
import { Task } from './task.entity';
import { parseTimeframe } from './timeframe';

/** Plan documents in: the shipped seed, YAML and JSON imports, all-or-nothing. */
@Injectable()
export class PlanImportService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlanImportService.name);

  constructor(
    @InjectDataSource(PLAN_CONNECTION) private readonly db: DataSource,
    @InjectRepository(Plan, PLAN_CONNECTION) private readonly plans: Repository<Plan>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: PlanQueriesService,
    private readonly gauges: PlanGaugesService,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Only the all-in-one start seeds (architecture.md §6); a distributed deployment imports plans.
    if (this.config.service === 'all-in-one' && this.config.seedPlan) await this.seedShippedPlan();
  }

  /** Loads the shipped 2021 plan unless it is there already (idempotent across restarts). */
  async seedShippedPlan(): Promise<void> {
    const result = loadPlanYaml(await readFile(appPath(SEED_PLAN_PATH), 'utf8'));
    if (!result.ok)
      throw new Error(`The shipped plan ${SEED_PLAN_PATH} is invalid: ${JSON.stringify(result.errors)}`);
    const existing = await this.plans.findOne({
      where: { year: result.plan.year, decisionNumber: result.plan.decision.number },
    });
    if (existing) return;
    const view = await this.importDocument(result.plan);
    this.logger.log(`Loaded the ${view.year} plan (${view.decision.number}): ${view.tasks.length} tasks`);
  }

  /** A YAML text or an already-parsed JSON value, validated and imported all-or-nothing. */
  async importRaw(body: unknown, actor: AuditActor | null): Promise<PlanView> {
    let result: PlanDocumentResult;
    if (typeof body === 'string') result = loadPlanYaml(body);
    else if (
      body === undefined ||
      body === null ||
      (typeof body === 'object' && Object.keys(body).length === 0)
    )
      result = {
        ok: false,
        errors: [{ path: '', message: 'the request has no plan document (send YAML or JSON)' }],
      };
    else result = parsePlanDocument(body);
    if (!result.ok)
      throw new PlanError(PlanErrorCode.InvalidDocument, 'The plan document is invalid', result.errors);
    return this.importDocument(result.plan, actor);
  }

  /** A workbook in the shape of the plan's own table (the export's), validated, all-or-nothing. */
  async importXlsx(data: Buffer, actor: AuditActor | null): Promise<PlanView> {
    const result = await planFromXlsx(data);
    if (!result.ok)
      throw new PlanError(PlanErrorCode.InvalidDocument, 'The plan workbook is invalid', result.errors);
    return this.importDocument(result.plan, actor);
  }

  async importDocument(doc: PlanDocument, actor: AuditActor | null = null): Promise<PlanView> {
    const planId = await this.db.transaction(async (em) => {
      const exists = await em.findOne(Plan, {
        where: { year: doc.year, decisionNumber: doc.decision.number },
      });
      if (exists) {
        throw new PlanError(
          PlanErrorCode.PlanExists,
          `A plan for ${doc.year} under decision ${doc.decision.number} exists already (${exists.id})`,
        );
      }
      const plan = await em.save(
        em.create(Plan, {
          year: doc.year,
          title: doc.title,
          decisionNumber: doc.decision.number,
          decisionDate: doc.decision.date,
          issuer: doc.decision.issuer,
          signer: doc.decision.signer,
          signerTitle: doc.decision.signerTitle,
          units: doc.units,
          requirements: doc.requirements,
          sections: doc.sections.map((s) => ({ code: s.code, title: s.title, groups: s.groups })),
        }),
      );
      if (doc.objectives.length > 0) {
        await em.insert(
          Objective,
          doc.objectives.map((o, position) => ({
            planId: plan.id,
            code: o.code,
            position,
            text: o.text,
            targetValue: o.target?.value ?? null,
            targetUnit: o.target?.unit ?? null,
            kpi: o.kpi,
            taskCodes: o.tasks,
          })),
        );
      }
      const rows = doc.sections.flatMap((section) =>
        section.tasks.map((t) => {
          const timeframe = parseTimeframe(t.timeframe, doc.year);
          const lead = writtenUnits(t.leadUnits, doc.units);
          const coordinating = writtenUnits(t.coordinatingUnits, doc.units);
          return {
            planId: plan.id,
            code: t.code,
            sectionCode: section.code,
            groupCode: t.group ?? null,
            content: t.content,
            products: t.products,
            leadUnits: lead.codes,
            coordinatingUnits: coordinating.codes,
            leadUnitNames: lead.names,
            coordinatingUnitNames: coordinating.names,
            timeframeText: timeframe.text,
            timeframeKind: timeframe.kind,
            timeframeStart: timeframe.start,
            timeframeEnd: timeframe.end,
            budgetMillionVnd: t.budgetMillionVnd,
          };
        }),
      );
      // One multi-row insert for the whole appendix.
      await em.insert(
        Task,
        rows.map((r, position) => ({ ...r, position })),
      );
      return plan.id;
    });
    const view = await this.queries.getPlan(planId);
    await this.audit.record({
      actor,
      action: 'plan.plan.imported',
      entity: 'plan.plan',
      entityId: planId,
      // The document as imported: the plan's own record of what came in.
      after: doc,
    });
    await this.gauges.refresh();
    return view;
  }
}
