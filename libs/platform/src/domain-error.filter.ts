import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { throwError } from 'rxjs';
import { DomainError, domainErrorBody, domainErrorRpcPayload } from '@cchc/errors';

/**
 * Maps every DomainError once per transport: an HTTP status from its kind (with Retry-After when
 * worth retrying), or an RPC error payload carrying its code and kind. Replaces the per-service
 * copies (tthc, plans, reports).
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): unknown {
    if (host.getType() === 'rpc') return throwError(() => domainErrorRpcPayload(error));
    const body = domainErrorBody(error);
    const res = host.switchToHttp().getResponse<Response>();
    if (body.statusCode === 503) res.setHeader('Retry-After', '30');
    res.status(body.statusCode).json(body);
    return undefined;
  }
}
