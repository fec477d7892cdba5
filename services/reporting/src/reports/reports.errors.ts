import { DomainError, DomainErrorKind } from '@cchc/errors';

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

function kindOf(code: ReportErrorCode): DomainErrorKind {
  switch (code) {
    case ReportErrorCode.InvalidPeriod:
    case ReportErrorCode.InvalidQuery:
      return DomainErrorKind.Invalid;
    case ReportErrorCode.PlanNotFound:
    case ReportErrorCode.UnitNotFound:
    case ReportErrorCode.VersionNotFound:
      return DomainErrorKind.NotFound;
    case ReportErrorCode.SourceFailed:
      return DomainErrorKind.UpstreamFailed;
    case ReportErrorCode.SourceUnavailable:
      return DomainErrorKind.Unavailable;
  }
}

/** A reporting failure, mapped to HTTP and RPC once per transport (DomainErrorFilter). */
export class ReportError extends DomainError<ReportErrorCode> {
  readonly kind: DomainErrorKind;

  constructor(
    code: ReportErrorCode,
    message: string,
    /** The service that failed, for SourceUnavailable and SourceFailed. */
    readonly source?: string,
  ) {
    super(code, message);
    this.name = 'ReportError';
    this.kind = kindOf(code);
  }
}
