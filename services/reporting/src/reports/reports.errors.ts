export enum ReportErrorCode {
  InvalidPeriod = 'INVALID_PERIOD',
  InvalidQuery = 'INVALID_REPORT_QUERY',
  PlanNotFound = 'PLAN_NOT_FOUND',
  UnitNotFound = 'UNIT_NOT_FOUND',
  VersionNotFound = 'REPORT_VERSION_NOT_FOUND',
  /** A source service did not answer in time, or nothing answers its queries. */
  SourceUnavailable = 'SOURCE_UNAVAILABLE',
  /** A source service answered with an error. */
  SourceFailed = 'SOURCE_FAILED',
}

/** A reporting failure, mapped to HTTP once by ReportErrorFilter. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    /** The service that failed, for SourceUnavailable and SourceFailed. */
    readonly source?: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}
