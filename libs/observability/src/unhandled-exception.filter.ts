import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { databaseFailureKind, DomainError, domainErrorBody } from '@cchc/errors';

interface Classified {
  status: number;
  error: string;
  message: string;
}

/**
 * What an error that escaped every domain filter says about the request (architecture.md §3: a 5xx
 * for bad input is a bug, so the classes of input PostgreSQL or the runtime refuse are 4xx here).
 * - values PostgreSQL refuses (`databaseFailureKind` = data: a date or number out of range, text it
 *   cannot hold): 400;
 * - the database unreachable or busy (`databaseFailureKind` = unavailable): 503 with Retry-After;
 * - a RangeError (an invalid date, a value past what the runtime represents): 400.
 */
export function classify(exception: unknown): Classified | null {
  const kind = databaseFailureKind(exception);
  if (kind === 'data')
    return { status: 400, error: 'Bad Request', message: 'request: a value is out of range or not storable' };
  if (kind === 'unavailable')
    return {
      status: 503,
      error: 'Service Unavailable',
      message: 'The database is unavailable; try again shortly',
    };
  if (exception instanceof RangeError)
    return { status: 400, error: 'Bad Request', message: 'request: a value is out of range' };
  return null;
}

/**
 * Last-resort HTTP filter: known HttpExceptions pass through unchanged; bad input that reached the
 * database or the runtime is a 4xx and an outage a 503 (see `classify`); anything else becomes a
 * 500 carrying an `errorId` that is also in the log line, so an operator can find the stack trace.
 */
@Catch()
export class UnhandledExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      res.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    // A domain error raised outside a controller carrying DomainErrorFilter: the same mapping.
    if (exception instanceof DomainError) {
      const body = domainErrorBody(exception as DomainError<string>);
      if (body.statusCode === 503) res.setHeader('Retry-After', '30');
      res.status(body.statusCode).json(body);
      return;
    }
    const errorId = randomUUID();
    // The request's own log line carries it too (logging.ts, createHttpLogger).
    (res.locals as { errorId?: string }).errorId = errorId;
    const err = exception instanceof Error ? exception : new Error(String(exception));
    const known = classify(exception);
    if (known) {
      this.logger.warn({ msg: 'Request refused', errorId, status: known.status, error: err.message });
      if (known.status === 503) res.setHeader('Retry-After', '5');
      res
        .status(known.status)
        .json({ statusCode: known.status, error: known.error, message: known.message, errorId });
      return;
    }
    // `err`: pino's error serializer writes its type, message and stack into the same line.
    this.logger.error({ msg: 'Unhandled error', errorId, err });
    res
      .status(500)
      .json({ statusCode: 500, error: 'Internal Server Error', message: 'Unexpected error', errorId });
  }
}
