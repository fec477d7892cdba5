import { DomainError, DomainErrorKind } from '@cchc/errors';

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

function kindOf(code: PlanErrorCode): DomainErrorKind {
  switch (code) {
    case PlanErrorCode.PlanNotFound:
    case PlanErrorCode.TaskNotFound:
    case PlanErrorCode.ObjectiveNotFound:
    case PlanErrorCode.ProgressNotFound:
      return DomainErrorKind.NotFound;
    case PlanErrorCode.InvalidDocument:
    case PlanErrorCode.InvalidProgress:
    case PlanErrorCode.InvalidQuery:
      return DomainErrorKind.Invalid;
    case PlanErrorCode.PlanExists:
    case PlanErrorCode.AlreadyReviewed:
      return DomainErrorKind.Conflict;
    case PlanErrorCode.UnitForbidden:
      return DomainErrorKind.Forbidden;
  }
}

/** A plan-management failure, mapped to HTTP and RPC once per transport (DomainErrorFilter). */
export class PlanError extends DomainError<PlanErrorCode> {
  readonly kind: DomainErrorKind;

  constructor(code: PlanErrorCode, message: string, details?: Array<{ path: string; message: string }>) {
    super(code, message, details);
    this.name = 'PlanError';
    this.kind = kindOf(code);
  }
}
