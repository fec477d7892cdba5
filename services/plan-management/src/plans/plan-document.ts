import { OBJECTIVE_KPIS, type ObjectiveKpi } from '@cchc/contracts';
import { formatIssues } from '@cchc/validation';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { parseTimeframe } from './timeframe';

// The plan as a document (YAML or JSON): what `POST /api/v1/plans/import` accepts and what
// seed/ke-hoach-cchc-2021.yaml holds. Units are declared once and referenced by code, with the text a
// row writes where it differs from the unit's name; timeframes stay verbatim text and are read by
// parseTimeframe.

// Texts are compared and shown as written; NFC so that text typed with decomposed diacritics matches.
const writtenText = z.string().normalize('NFC').trim().min(1, 'must not be empty');
const unitCode = z.string().regex(/^[a-z0-9-]{1,32}$/, 'must match [a-z0-9-]{1,32}');

// A task's unit: its code where the row writes the unit's name, or the code with the row's own
// wording ("Văn phòng Sở" where the unit is "Văn phòng", "các phòng thuộc Sở"), since the plan is
// shown as written (architecture.md §6).
const unitRefSchema = z.union([unitCode, z.strictObject({ code: unitCode, as: writtenText })], {
  error: 'must be a unit code, or { code, as } with the unit as the row writes it',
});

export type UnitRef = z.output<typeof unitRefSchema>;

const unitSchema = z.strictObject({
  code: unitCode,
  name: writtenText,
  aliases: z.array(writtenText).default([]),
});

const objectiveSchema = z.strictObject({
  code: z.string().regex(/^\d+(\.\d+)*$/, 'must be a number as written, e.g. "1.1"'),
  text: writtenText,
  // Only where the plan states a figure ("100% CBCC, VC ...", "tinh giản biên chế 10%").
  target: z.strictObject({ value: z.number(), unit: writtenText }).nullable().default(null),
  // Objectives measured by a dossier KPI take their actual from tthc-metrics, live (revision 2).
  kpi: z
    .enum(OBJECTIVE_KPIS as [ObjectiveKpi, ...ObjectiveKpi[]])
    .nullable()
    .default(null),
  // The tasks that deliver it: without a `kpi`, its actual is the share of them completed in the
  // period, by approved progress (revision 2). The links are the system's, not the document's.
  tasks: z.array(z.string().min(1, 'must not be empty')).default([]),
});

const requirementSchema = z.strictObject({
  code: z.string().regex(/^\d+(\.\d+)*$/, 'must be a number as written, e.g. "1.1"'),
  text: writtenText,
});

const groupSchema = z.strictObject({
  code: z.string().regex(/^\d+$/, 'must be the group number as written, e.g. "1"'),
  title: writtenText,
});

const taskSchema = z.strictObject({
  code: z.string().regex(/^[IVXLC]+(\.\d+)+$/, 'must look like "III.5.2"'),
  group: z.string().optional(),
  content: writtenText,
  products: z.array(writtenText).default([]),
  leadUnits: z.array(unitRefSchema).min(1, 'a task needs at least one lead unit'),
  coordinatingUnits: z.array(unitRefSchema).default([]),
  timeframe: writtenText,
  budgetMillionVnd: z.number().nonnegative('must be ≥ 0').nullable().default(null),
});

const sectionSchema = z.strictObject({
  code: z.string().regex(/^[IVXLC]+$/, 'must be a Roman numeral, e.g. "III"'),
  title: writtenText,
  groups: z.array(groupSchema).default([]),
  tasks: z.array(taskSchema),
});

export const planDocumentSchema = z.strictObject({
  year: z.number().int().min(1900).max(9999),
  title: writtenText,
  decision: z.strictObject({
    number: writtenText,
    date: z.iso.date('must be a YYYY-MM-DD date'),
    issuer: writtenText,
    signer: writtenText,
    signerTitle: writtenText,
  }),
  units: z.array(unitSchema).min(1),
  objectives: z.array(objectiveSchema),
  requirements: z.array(requirementSchema),
  sections: z.array(sectionSchema).min(1),
});

export type PlanDocument = z.output<typeof planDocumentSchema>;

export interface PlanDocumentError {
  path: string;
  message: string;
}

export type PlanDocumentResult =
  { ok: true; plan: PlanDocument } | { ok: false; errors: PlanDocumentError[] };

/** A task's units as codes (what editor tokens carry) and as its row writes them (what is shown). */
export function writtenUnits(
  refs: readonly UnitRef[],
  units: ReadonlyArray<{ code: string; name: string }>,
): { codes: string[]; names: string[] } {
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  return {
    codes: refs.map((ref) => (typeof ref === 'string' ? ref : ref.code)),
    names: refs.map((ref) => (typeof ref === 'string' ? (nameOf.get(ref) ?? ref) : ref.as)),
  };
}

export function parsePlanDocument(input: unknown): PlanDocumentResult {
  const parsed = planDocumentSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: formatIssues(parsed.error.issues) };
  }
  // References only mean something once the shape is right, so they are checked second.
  const errors = checkReferences(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plan: parsed.data };
}

export function loadPlanYaml(text: string): PlanDocumentResult {
  const lines = new LineCounter();
  // Duplicate keys are errors (uniqueKeys), so a key written twice cannot silently win; so is a
  // second document in the same text.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => {
        const at = lines.linePos(error.pos[0]);
        return { path: '', message: `line ${at.line}, column ${at.col}: ${error.message}` };
      }),
    };
  }
  return parsePlanDocument(doc.toJS());
}

function checkReferences(plan: PlanDocument): PlanDocumentError[] {
  const errors: PlanDocumentError[] = [];
  const firstAt = (seen: Map<string, string>, key: string, path: string): void => {
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, path);
    else errors.push({ path, message: `duplicate "${key}" (first at ${earlier})` });
  };

  const units = new Map<string, string>();
  // Names and aliases identify a unit when a plan is read from a table (names, not codes), so no two
  // units may share one.
  const unitNames = new Map<string, string>();
  const spellings = new Map<string, Set<string>>();
  plan.units.forEach((unit, i) => {
    firstAt(units, unit.code, `units[${i}].code`);
    firstAt(unitNames, spelling(unit.name), `units[${i}].name`);
    unit.aliases.forEach((alias, a) => firstAt(unitNames, spelling(alias), `units[${i}].aliases[${a}]`));
    spellings.set(unit.code, new Set([unit.name, ...unit.aliases].map(spelling)));
  });
  const objectives = new Map<string, string>();
  plan.objectives.forEach((o, i) => firstAt(objectives, o.code, `objectives[${i}].code`));
  const requirements = new Map<string, string>();
  plan.requirements.forEach((r, i) => firstAt(requirements, r.code, `requirements[${i}].code`));

  const sections = new Map<string, string>();
  // Task codes are unique across the plan: progress is recorded against them.
  const tasks = new Map<string, string>();
  plan.sections.forEach((section, s) => {
    const at = `sections[${s}]`;
    firstAt(sections, section.code, `${at}.code`);
    const groups = new Map<string, string>();
    section.groups.forEach((group, g) => firstAt(groups, group.code, `${at}.groups[${g}].code`));

    section.tasks.forEach((task, t) => {
      const taskAt = `${at}.tasks[${t}]`;
      firstAt(tasks, task.code, `${taskAt}.code`);
      if (!task.code.startsWith(`${section.code}.`)) {
        errors.push({
          path: `${taskAt}.code`,
          message: `must start with its section code "${section.code}."`,
        });
      }
      if (task.group !== undefined) {
        if (!groups.has(task.group)) {
          errors.push({
            path: `${taskAt}.group`,
            message: `no group "${task.group}" in section ${section.code}`,
          });
        } else if (!task.code.startsWith(`${section.code}.${task.group}.`)) {
          // The plan numbers a group's rows under it (group 5 of section I -> I.5.1, I.5.2 ...).
          errors.push({
            path: `${taskAt}.code`,
            message: `must start with its group's code "${section.code}.${task.group}."`,
          });
        }
      }
      for (const key of ['leadUnits', 'coordinatingUnits'] as const) {
        task[key].forEach((ref, u) => {
          const code = typeof ref === 'string' ? ref : ref.code;
          const refAt = typeof ref === 'string' ? `${taskAt}.${key}[${u}]` : `${taskAt}.${key}[${u}].code`;
          if (!units.has(code)) {
            errors.push({ path: refAt, message: `unknown unit "${code}"` });
          } else if (typeof ref !== 'string' && !spellings.get(code)?.has(spelling(ref.as))) {
            // A row may write a unit in its own case ("các phòng thuộc Sở"), but a wording the unit
            // does not answer to is more likely the wrong code than a new spelling: declare it an alias.
            errors.push({
              path: `${taskAt}.${key}[${u}].as`,
              message: `"${ref.as}" is not a name or alias of unit "${code}"`,
            });
          }
        });
      }
      try {
        parseTimeframe(task.timeframe, plan.year);
      } catch (error) {
        // parseTimeframe throws RangeError for a date-like text that names no real date.
        if (!(error instanceof RangeError)) throw error;
        errors.push({ path: `${taskAt}.timeframe`, message: error.message });
      }
    });
  });
  plan.objectives.forEach((o, i) => {
    const linked = new Map<string, string>();
    o.tasks.forEach((code, k) => {
      const at = `objectives[${i}].tasks[${k}]`;
      firstAt(linked, code, at);
      if (!tasks.has(code)) errors.push({ path: at, message: `no task "${code}" in the plan` });
    });
  });
  return errors;
}

// How names are compared: case differs between rows ("Các phòng thuộc Sở", "các phòng thuộc Sở").
function spelling(name: string): string {
  return name.toLocaleLowerCase('vi');
}
