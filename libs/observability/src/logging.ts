import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule, LoggerService } from '@nestjs/common';
import { Logger as PinoNestLogger, LoggerModule, type Params, PinoLogger } from 'nestjs-pino';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { textLogStream } from './text-log-stream';

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
export type RootLogger = Logger;

// LOG_LEVEL keeps Nest's names; pino's own are stored in the lines.
const PINO_LEVEL: Record<LogLevel, Level> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

const CENSOR = '[redacted]';
/**
 * Never in a log line: credentials in request headers (bearer tokens, cookies), cookies set by a
 * response, and any `token` or `password` field up to three levels deep (a token created by
 * POST /auth/tokens, a logged object that happens to carry one).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'token',
  '*.token',
  '*.*.token',
  'password',
  '*.password',
  '*.*.password',
];

/** An incoming X-Request-Id is kept when it looks like an id (no spaces, quotes or control characters). */
const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The id of a request: the caller's `X-Request-Id` when it is a sane id, else a new UUID; echoed in
 * the response's `X-Request-Id` either way, so a caller can quote it to an operator.
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * The process's one pino logger: JSON lines on stdout (`LOG_FORMAT=json`), or the same records as
 * readable text lines (`text`); secrets redacted on every line (REDACTED_PATHS).
 */
export function createRootLogger(
  options: { level: LogLevel; format: 'json' | 'text'; service: string },
  destination?: DestinationStream,
): RootLogger {
  const out =
    destination ?? (options.format === 'text' ? textLogStream(process.stdout) : pino.destination(1));
  return pino(
    {
      level: PINO_LEVEL[options.level],
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
    },
    out,
  );
}

type WithLocals = ServerResponse & { locals?: { errorId?: unknown } };

/** The `errorId` a filter gave a refused or failed request (UnhandledExceptionFilter), on its line. */
function withErrorId(res: ServerResponse, value: object): object {
  const errorId = (res as WithLocals).locals?.errorId;
  return typeof errorId === 'string' ? { ...value, errorId } : value;
}

/**
 * One JSON line per request, written when the response is finished: `reqId`, method, URL,
 * headers (credentials redacted), status, response time, and the `errorId` of a 5xx. Mounted
 * before the token check (startServiceHost), so a 401 or 429 is logged and carries its id too.
 */
export function createHttpLogger(root: RootLogger): HttpLogger {
  return pinoHttp({
    logger: root,
    genReqId: requestId,
    // Lines logged while handling a request carry its `reqId`; the request's own line the whole `req`.
    quietReqLogger: true,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (_req, res, value: object) => withErrorId(res, value),
    customErrorObject: (_req, res, _error, value: object) => withErrorId(res, value),
  });
}

/**
 * nestjs-pino over the root logger. `useExisting`: the request middleware is `createHttpLogger`'s,
 * mounted by the host ahead of the token check; LoggerModule binds each request's logger (with
 * its `reqId`) for whatever Nest logs while handling it.
 */
function pinoParams(root: RootLogger): Params {
  return { pinoHttp: { logger: root }, useExisting: true };
}

export function loggerModule(root: RootLogger): DynamicModule {
  return LoggerModule.forRoot(pinoParams(root));
}

/** A Nest LoggerService over the root logger for what is logged before the app exists. */
export function bootLogger(root: RootLogger): LoggerService {
  const params = pinoParams(root);
  return new PinoNestLogger(new PinoLogger(params), params);
}

export { PinoNestLogger };
