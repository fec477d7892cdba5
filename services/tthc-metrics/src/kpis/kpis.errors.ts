export enum TthcErrorCode {
  InvalidQuery = 'INVALID_QUERY',
  InvalidEvent = 'INVALID_EVENT',
  BatchTooLarge = 'BATCH_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  NotFound = 'NOT_FOUND',
  /** The database cannot take the events now: nothing was stored; send them again later. */
  Unavailable = 'UNAVAILABLE',
}

/** A tthc-metrics failure, mapped to HTTP and RPC once per transport. */
export class TthcError extends Error {
  constructor(
    readonly code: TthcErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TthcError';
  }
}
