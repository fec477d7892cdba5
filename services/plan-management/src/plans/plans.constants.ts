/** The TypeORM connection (and schema) plan-management owns. */
export const PLAN_CONNECTION = 'plan';
/** The 2021 plan shipped with the system (Decision 1634/QĐ-SGDĐT), relative to the repository root. */
export const SEED_PLAN_PATH = 'services/plan-management/seed/ke-hoach-cchc-2021.yaml';
