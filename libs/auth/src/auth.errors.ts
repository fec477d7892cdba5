/**
 * The one 401 body (architecture.md §3 rev. 2): a missing, forged, unknown or revoked token gets
 * exactly this on every path, existing or not, so nothing about the API is learnt without a token.
 */
export const UNAUTHORIZED_BODY = {
  statusCode: 401,
  error: 'Unauthorized',
  message: 'A valid bearer token is required (Authorization: Bearer <token>)',
} as const;

/** Paths answered without a token (architecture.md §3). */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);

/** Reads the bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
