export enum PlanErrorCode {
  PlanNotFound = 'PLAN_NOT_FOUND',
  TaskNotFound = 'TASK_NOT_FOUND',
  ObjectiveNotFound = 'OBJECTIVE_NOT_FOUND',
  InvalidDocument = 'INVALID_PLAN_DOCUMENT',
  PlanExists = 'PLAN_EXISTS',
  UnitForbidden = 'UNIT_FORBIDDEN',
  InvalidProgress = 'INVALID_PROGRESS',
  ProgressNotFound = 'PROGRESS_NOT_FOUND',
  AlreadyReviewed = 'PROGRESS_ALREADY_REVIEWED',
  InvalidQuery = 'INVALID_QUERY',
}

/** A plan-management failure, mapped to HTTP and RPC once per transport. */
export class PlanError extends Error {
  constructor(
    readonly code: PlanErrorCode,
    message: string,
    readonly details?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'PlanError';
  }
}
