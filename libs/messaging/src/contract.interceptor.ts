import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import type { Observable } from 'rxjs';
import { checkRequest } from './contract-check';

function patternsOf(handler: object): string[] {
  const value: unknown = Reflect.getMetadata(PATTERN_METADATA, handler);
  const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.filter((p): p is string => typeof p === 'string');
}

/**
 * The handler side of the typed messages: every `@MessagePattern` request is checked against the
 * zod schema of its pattern (@cchc/contracts QueryContracts) before the handler runs, on NATS and
 * in-process alike. A mismatch is a ContractError (CONTRACT_REQUEST_MISMATCH) naming the field,
 * mapped to the RPC error payload by DomainErrorFilter. HTTP requests pass untouched.
 */
@Injectable()
export class ContractInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'rpc') {
      const data: unknown = context.switchToRpc().getData();
      for (const pattern of patternsOf(context.getHandler())) checkRequest(pattern, data);
    }
    return next.handle();
  }
}
