import { DomainError, DomainErrorKind } from '@cchc/errors';
import { isQueryPattern, QueryContracts, type QueryPattern } from '@cchc/contracts';

export enum ContractErrorCode {
  /** The request does not match the handler's schema for the pattern's version. */
  RequestMismatch = 'CONTRACT_REQUEST_MISMATCH',
  /** The reply does not match the requester's schema for the pattern's version. */
  ReplyMismatch = 'CONTRACT_REPLY_MISMATCH',
}

/**
 * A request or reply that does not match the schema of its pattern (a version-skewed peer). The
 * message names the pattern (whose `.v<major>` is the schema version), the field and the reason.
 */
export class ContractError extends DomainError<ContractErrorCode> {
  readonly kind: DomainErrorKind;

  constructor(code: ContractErrorCode, message: string, details: Array<{ path: string; message: string }>) {
    super(code, message, details);
    this.kind =
      code === ContractErrorCode.RequestMismatch ? DomainErrorKind.Invalid : DomainErrorKind.UpstreamFailed;
  }
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(whole payload)' : path.map(String).join('.');
}

function check(pattern: QueryPattern, side: 'request' | 'reply', value: unknown): unknown {
  const result = QueryContracts[pattern][side].safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.flatMap((i) =>
    // An unknown key is named itself, not its parent object.
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: fieldPath([...i.path, k]), message: 'not in this version of the schema' }))
      : [{ path: fieldPath(i.path), message: i.message }],
  );
  const shown = details
    .slice(0, 3)
    .map((d) => `field "${d.path}": ${d.message}`)
    .join('; ');
  const more = details.length > 3 ? ` (and ${details.length - 3} more)` : '';
  throw new ContractError(
    side === 'request' ? ContractErrorCode.RequestMismatch : ContractErrorCode.ReplyMismatch,
    `The ${side} of ${pattern} does not match its schema (version ${pattern.slice(pattern.lastIndexOf('.') + 1)}): ${shown}${more}`,
    details,
  );
}

/** Checks a request against its pattern's schema; patterns without a contract pass unchanged. */
export function checkRequest(pattern: string, value: unknown): unknown {
  return isQueryPattern(pattern) ? check(pattern, 'request', value) : value;
}

/** Checks a reply against its pattern's schema; patterns without a contract pass unchanged. */
export function checkReply(pattern: string, value: unknown): unknown {
  return isQueryPattern(pattern) ? check(pattern, 'reply', value) : value;
}
