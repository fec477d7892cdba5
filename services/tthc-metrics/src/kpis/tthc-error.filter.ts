import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { throwError } from 'rxjs';
import { TthcError, TthcErrorCode } from './kpis.errors';

function httpStatus(code: TthcErrorCode): number {
  switch (code) {
    case TthcErrorCode.InvalidQuery:
    case TthcErrorCode.InvalidEvent:
      return 400;
    case TthcErrorCode.BatchTooLarge:
      return 413;
    case TthcErrorCode.UnsupportedMediaType:
      return 415;
    case TthcErrorCode.NotFound:
      return 404;
    case TthcErrorCode.Unavailable:
      return 503;
  }
}

/** Maps TthcError once per transport: an HTTP status, or an RPC error payload carrying the code. */
@Catch(TthcError)
export class TthcErrorFilter implements ExceptionFilter {
  catch(error: TthcError, host: ArgumentsHost): unknown {
    if (host.getType() === 'rpc') return throwError(() => ({ code: error.code, message: error.message }));
    const status = httpStatus(error.code);
    const res = host.switchToHttp().getResponse<Response>();
    // Nothing was stored: the sender retries, and is told when.
    if (status === 503) res.setHeader('Retry-After', '5');
    res.status(status).json({ statusCode: status, code: error.code, message: error.message });
    return undefined;
  }
}
