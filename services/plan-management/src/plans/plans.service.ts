// The plan service is split by job (plan-queries, plan-progress, plan-import, plan-summaries,
// plan-gauges, plan-objectives). These names stay importable from here for callers outside the
// service (reporting's e2e test imports SEED_PLAN_PATH); new code imports from plans.constants.
export { PLAN_CONNECTION, SEED_PLAN_PATH } from './plans.constants';
