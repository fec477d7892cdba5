import { DomainError, DomainErrorKind } from '@cchc/errors';

export enum TthcErrorCode {
  InvalidQuery = 'INVALID_QUERY',
  InvalidEvent = 'INVALID_EVENT',
  BatchTooLarge = 'BATCH_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  NotFound = 'NOT_FOUND',
  /** The database cannot take the events now: nothing was stored; send them again later. */
  Unavailable = 'UNAVAILABLE',
}

function kindOf(code: TthcErrorCode): DomainErrorKind {
  switch (code) {
    case TthcErrorCode.InvalidQuery:
    case TthcErrorCode.InvalidEvent:
      return DomainErrorKind.Invalid;
    case TthcErrorCode.BatchTooLarge:
      return DomainErrorKind.TooLarge;
    case TthcErrorCode.UnsupportedMediaType:
      return DomainErrorKind.UnsupportedMediaType;
    case TthcErrorCode.NotFound:
      return DomainErrorKind.NotFound;
    case TthcErrorCode.Unavailable:
      return DomainErrorKind.Unavailable;
  }
}

/** A tthc-metrics failure, mapped to HTTP and RPC once per transport (DomainErrorFilter). */
export class TthcError extends DomainError<TthcErrorCode> {
  readonly kind: DomainErrorKind;

  constructor(code: TthcErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, undefined, options);
    this.name = 'TthcError';
    this.kind = kindOf(code);
  }
}
