import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { throwError } from 'rxjs';
import { PlanError, PlanErrorCode } from './plans.errors';

function httpStatus(code: PlanErrorCode): number {
  switch (code) {
    case PlanErrorCode.PlanNotFound:
    case PlanErrorCode.TaskNotFound:
    case PlanErrorCode.ObjectiveNotFound:
    case PlanErrorCode.ProgressNotFound:
      return 404;
    case PlanErrorCode.InvalidDocument:
    case PlanErrorCode.InvalidProgress:
    case PlanErrorCode.InvalidQuery:
      return 400;
    case PlanErrorCode.PlanExists:
    case PlanErrorCode.AlreadyReviewed:
      return 409;
    case PlanErrorCode.UnitForbidden:
      return 403;
  }
}

/** Maps PlanError once per transport: an HTTP status, or an RPC error payload with the code. */
@Catch(PlanError)
export class PlanErrorFilter implements ExceptionFilter {
  catch(error: PlanError, host: ArgumentsHost): unknown {
    if (host.getType() === 'rpc') {
      return throwError(() => ({ code: error.code, message: error.message }));
    }
    const status = httpStatus(error.code);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json({
        statusCode: status,
        code: error.code,
        message: error.message,
        ...(error.details ? { errors: error.details } : {}),
      });
    return undefined;
  }
}
