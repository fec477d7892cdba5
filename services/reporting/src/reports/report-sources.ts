import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { NoRespondersError, RequestError } from '@nats-io/transport-node';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { Patterns, type QueryPattern, type QueryRequest } from '@cchc/contracts';
import { ContractError, MESSAGE_CLIENT, query } from '@cchc/messaging';
import { ReportError, ReportErrorCode } from './reports.errors';

export type Source = 'plan-management' | 'tthc-metrics';

/** A catalog entry as the `procedures` query answers it; `field` (lĩnh vực) is optional (rev. 2). */
export interface CatalogProcedure {
  code: string;
  name: string;
  unitCode: string;
  field?: string | null;
}

export interface Catalog {
  procedures: CatalogProcedure[];
  units: Array<{ code: string; name: string }>;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * Nothing subscribes to the pattern, said at once instead of letting the request time out. Typed,
 * never the wording of a message: Nest's NATS client and the in-process bus (@cchc/messaging) raise
 * an `EmptyResponseException`; a raw NATS request a `RequestError` whose cause is a
 * `NoRespondersError`.
 */
export function isNoResponder(error: unknown): boolean {
  if (error instanceof EmptyResponseException || error instanceof NoRespondersError) return true;
  return error instanceof RequestError && error.isNoResponders();
}

export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (error !== null && typeof error === 'object' && 'message' in error) return String(error.message);
  return JSON.stringify(error);
}

/**
 * Queries to plan-management and tthc-metrics over messaging only (NATS request-reply, or
 * in-process in the all-in-one), each bounded by SOURCE_TIMEOUT_MS; failures name the source.
 */
@Injectable()
export class ReportSources {
  private readonly logger = new Logger(ReportSources.name);

  constructor(
    @Inject(MESSAGE_CLIENT) private readonly bus: ClientProxy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One query, its request and reply checked against the pattern's schemas (@cchc/messaging
   * `query`); a reply that does not match is a SourceFailed naming the field.
   */
  async ask<T>(source: Source, pattern: QueryPattern, payload: QueryRequest<QueryPattern>): Promise<T> {
    const limit = this.config.sourceTimeoutMs;
    const unavailable = (reason: string, detail: string) => {
      this.logger.warn(`${source} did not answer ${pattern}: ${detail}`);
      return new ReportError(ReportErrorCode.SourceUnavailable, `${source} ${reason}`, source);
    };
    try {
      return (await query(this.bus, pattern, payload, limit)) as T;
    } catch (e) {
      if (e instanceof ContractError)
        throw new ReportError(ReportErrorCode.SourceFailed, `${source}: ${e.code}: ${e.message}`, source);
      if (e instanceof TimeoutError)
        throw unavailable(`did not answer within ${seconds(limit)}`, 'timed out');
      if (isNoResponder(e))
        throw unavailable('did not answer: no instance of it is running', describeFailure(e));
      // Other transport failures are Errors; a source's own refusal arrives as a plain object.
      if (e instanceof Error) throw unavailable(`could not be reached: ${e.message}`, e.message);
      throw new ReportError(
        ReportErrorCode.SourceFailed,
        `${source} failed to answer ${pattern}: ${describeFailure(e)}`,
        source,
      );
    }
  }

  /** Optional data (a query a source may not serve yet): undefined when it does not answer. */
  async askOptional<T>(
    source: Source,
    pattern: QueryPattern,
    payload: QueryRequest<QueryPattern>,
  ): Promise<T | undefined> {
    try {
      return await this.ask<T>(source, pattern, payload);
    } catch (e) {
      this.logger.warn(`Report built without ${pattern}: ${describeFailure(e)}`);
      return undefined;
    }
  }

  /**
   * Like Promise.all, but waits for every query so that an outage names every missing source
   * ("plan-management …; tthc-metrics …"), not just the first to fail.
   */
  async all<T extends readonly unknown[]>(queries: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
    const settled = await Promise.allSettled(queries);
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (failures.length === 0)
      return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
    const bySource = new Map<string, string>();
    for (const f of failures) {
      if (
        f instanceof ReportError &&
        f.code === ReportErrorCode.SourceUnavailable &&
        !bySource.has(f.source!)
      ) {
        bySource.set(f.source!, f.message);
      }
    }
    if (bySource.size > 0)
      throw new ReportError(ReportErrorCode.SourceUnavailable, [...bySource.values()].join('; '));
    throw failures[0];
  }

  /** Announces an issued report; a failure to publish is logged, never undoes the issue. */
  async emit(pattern: string, event: object): Promise<void> {
    try {
      await firstValueFrom(this.bus.emit(pattern, event).pipe(timeout(this.config.sourceTimeoutMs)), {
        defaultValue: undefined,
      });
    } catch (e) {
      this.logger.warn(`Could not publish ${pattern}: ${describeFailure(e)}`);
    }
  }

  catalog(): Promise<Catalog> {
    return this.ask<Catalog>('tthc-metrics', Patterns.tthc.procedures, {});
  }
}
