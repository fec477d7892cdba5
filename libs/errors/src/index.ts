export {
  DomainError,
  DomainErrorKind,
  domainErrorBody,
  domainErrorRpcPayload,
  httpStatusOf,
} from './domain-error';
export type { DomainErrorDetail } from './domain-error';
export { databaseFailureKind, sqlState } from './database-failure';
