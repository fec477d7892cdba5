export enum TthcErrorCode {
  InvalidQuery = 'INVALID_QUERY',
  InvalidEvent = 'INVALID_EVENT',
  BatchTooLarge = 'BATCH_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  NotFound = 'NOT_FOUND',
}

/** A tthc-metrics failure, mapped to HTTP and RPC once per transport. */
export class TthcError extends Error {
  constructor(
    readonly code: TthcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TthcError';
  }
}
