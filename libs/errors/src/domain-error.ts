// One family of domain errors for every service and library. Each module keeps its own code enum
// (what went wrong, in its words) and says which kind of failure each code is; the kind alone
// decides the HTTP status and the RPC error, once, for every transport (DomainErrorFilter).

/** What kind of failure a domain error is: the only thing a transport needs to know. */
export enum DomainErrorKind {
  Invalid = 'invalid',
  NotFound = 'not_found',
  Forbidden = 'forbidden',
  Conflict = 'conflict',
  TooLarge = 'too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  /** A dependency (database, another service) cannot answer now: worth retrying. */
  Unavailable = 'unavailable',
  /** A dependency answered with an error. */
  UpstreamFailed = 'upstream_failed',
}

/** A field-level reason, for errors about a document with many fields. */
export interface DomainErrorDetail {
  path: string;
  message: string;
}

/** Base of every domain error: a module code, its kind, a message naming the field and reason. */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly kind: DomainErrorKind;

  protected constructor(
    readonly code: Code,
    message: string,
    readonly details?: DomainErrorDetail[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The HTTP status of a kind of failure (exhaustive: a new kind fails to compile until mapped). */
export function httpStatusOf(kind: DomainErrorKind): number {
  switch (kind) {
    case DomainErrorKind.Invalid:
      return 400;
    case DomainErrorKind.Forbidden:
      return 403;
    case DomainErrorKind.NotFound:
      return 404;
    case DomainErrorKind.Conflict:
      return 409;
    case DomainErrorKind.TooLarge:
      return 413;
    case DomainErrorKind.UnsupportedMediaType:
      return 415;
    case DomainErrorKind.UpstreamFailed:
      return 502;
    case DomainErrorKind.Unavailable:
      return 503;
  }
}

/** The JSON body an HTTP client gets for a domain error. */
export function domainErrorBody(error: DomainError): {
  statusCode: number;
  code: string;
  message: string;
  errors?: DomainErrorDetail[];
} {
  return {
    statusCode: httpStatusOf(error.kind),
    code: error.code,
    message: error.message,
    ...(error.details ? { errors: error.details } : {}),
  };
}

/** The payload an RPC caller gets (over NATS request/reply) for a domain error. */
export function domainErrorRpcPayload(error: DomainError): {
  code: string;
  kind: DomainErrorKind;
  message: string;
} {
  return { code: error.code, kind: error.kind, message: error.message };
}
