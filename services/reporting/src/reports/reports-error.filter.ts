import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { throwError } from 'rxjs';
import { ReportError, ReportErrorCode } from './reports.errors';

function httpStatus(code: ReportErrorCode): number {
  switch (code) {
    case ReportErrorCode.InvalidPeriod:
    case ReportErrorCode.InvalidQuery:
      return 400;
    case ReportErrorCode.PlanNotFound:
    case ReportErrorCode.UnitNotFound:
    case ReportErrorCode.VersionNotFound:
      return 404;
    case ReportErrorCode.SourceFailed:
      return 502;
    case ReportErrorCode.SourceUnavailable:
      return 503;
  }
}

/** Maps ReportError once per transport: an HTTP status, or an RPC error payload with the code. */
@Catch(ReportError)
export class ReportErrorFilter implements ExceptionFilter {
  catch(error: ReportError, host: ArgumentsHost): unknown {
    if (host.getType() === 'rpc') {
      return throwError(() => ({ code: error.code, message: error.message }));
    }
    const status = httpStatus(error.code);
    const res = host.switchToHttp().getResponse<Response>();
    // A 503 is worth retrying once the source is back; say when, roughly.
    if (status === 503) res.setHeader('Retry-After', '30');
    res.status(status).json({ statusCode: status, code: error.code, message: error.message });
    return undefined;
  }
}
