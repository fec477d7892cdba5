/** The SQLSTATE of a PostgreSQL error, also when TypeORM wraps it (`driverError`). */
export function sqlState(e: unknown): string | undefined {
  if (e === null || typeof e !== 'object') return undefined;
  const direct = (e as { code?: unknown }).code;
  if (typeof direct === 'string' && /^[0-9A-Z]{5}$/.test(direct)) return direct;
  return sqlState((e as { driverError?: unknown }).driverError);
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
// node-postgres reports a dropped or refused connection with these messages and no SQLSTATE.
const CONNECTION_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed|not queryable/i;

/**
 * What a failed database write says about its input:
 * - `data`: PostgreSQL refused the values themselves (SQLSTATE class 22 data exception, 23 integrity
 *   constraint, 54 program limit): the same input fails again, so it is poison;
 * - `unavailable`: the database or the connection is away or busy (class 08 connection, 57P0x
 *   shutdown and start-up, 53 insufficient resources, 40 serialization failure and deadlock,
 *   55P03 lock not available, socket errors, node-postgres' connection messages): try again later;
 * - `other`: anything else (a bug): neither proven poison nor proven transient.
 */
export function databaseFailureKind(e: unknown): 'data' | 'unavailable' | 'other' {
  const state = sqlState(e);
  if (state !== undefined) {
    if (/^(22|23|54)/.test(state)) return 'data';
    if (/^(08|53|40)/.test(state) || state.startsWith('57P0') || state === '55P03') return 'unavailable';
    return 'other';
  }
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return 'unavailable';
  const message = e instanceof Error ? e.message : '';
  return CONNECTION_MESSAGES.test(message) ? 'unavailable' : 'other';
}
