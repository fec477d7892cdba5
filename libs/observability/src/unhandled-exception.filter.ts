import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/**
 * Last-resort HTTP filter: known HttpExceptions pass through unchanged; anything else becomes a 500
 * carrying an `errorId` that is also in the log line, so an operator can find the stack trace.
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
    const errorId = randomUUID();
    const err = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ msg: 'Unhandled error', errorId, error: err.message }, err.stack);
    res
      .status(500)
      .json({ statusCode: 500, error: 'Internal Server Error', message: 'Unexpected error', errorId });
  }
}
