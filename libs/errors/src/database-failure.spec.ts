import { describe, expect, it } from '@jest/globals';
import { databaseFailureKind, sqlState } from './database-failure';

// Errors shaped as node-postgres raises them, and as TypeORM wraps them (QueryFailedError.driverError).
function pgError(code: string, message = 'error'): Error {
  return Object.assign(new Error(message), { code });
}
function wrapped(inner: Error): Error {
  return Object.assign(new Error(inner.message), { driverError: inner });
}

describe(databaseFailureKind.name, () => {
  it('reads the SQLSTATE through a TypeORM wrapper', () => {
    expect(sqlState(wrapped(pgError('22021')))).toBe('22021');
    expect(sqlState(new Error('plain'))).toBeUndefined();
  });

  it('calls values PostgreSQL refuses data: a NUL byte, a date out of range, a constraint, a limit', () => {
    expect(
      databaseFailureKind(wrapped(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))),
    ).toBe('data');
    expect(databaseFailureKind(pgError('22008', 'date/time field value out of range'))).toBe('data');
    expect(databaseFailureKind(pgError('23502', 'null value in column'))).toBe('data');
    expect(databaseFailureKind(pgError('54000', 'index row size exceeds maximum'))).toBe('data');
  });

  it('calls a database that is away, starting, shutting down or busy unavailable', () => {
    expect(databaseFailureKind(pgError('57P03', 'the database system is starting up'))).toBe('unavailable');
    expect(
      databaseFailureKind(wrapped(pgError('57P01', 'terminating connection due to administrator command'))),
    ).toBe('unavailable');
    expect(databaseFailureKind(pgError('08006'))).toBe('unavailable');
    expect(databaseFailureKind(pgError('40P01', 'deadlock detected'))).toBe('unavailable');
    expect(databaseFailureKind(pgError('40001', 'could not serialize access'))).toBe('unavailable');
    expect(databaseFailureKind(pgError('53300', 'too many connections'))).toBe('unavailable');
    expect(databaseFailureKind(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(
      'unavailable',
    );
  });

  it('calls a dead pooled connection unavailable though node-postgres gives it no code', () => {
    expect(databaseFailureKind(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(
      databaseFailureKind(
        wrapped(new Error('Client has encountered a connection error and is not queryable')),
      ),
    ).toBe('unavailable');
  });

  it('leaves anything else as other (a bug: neither proven poison nor transient)', () => {
    expect(databaseFailureKind(pgError('42P01', 'relation does not exist'))).toBe('other');
    expect(databaseFailureKind(new TypeError('x is undefined'))).toBe('other');
    expect(databaseFailureKind('a string')).toBe('other');
  });
});
