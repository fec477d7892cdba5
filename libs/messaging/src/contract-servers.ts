import { type MessageHandler, type NatsOptions, ServerNats } from '@nestjs/microservices';
import { throwError } from 'rxjs';
import { isQueryPattern } from '@cchc/contracts';
import { domainErrorRpcPayload } from '@cchc/errors';
import { checkRequest, ContractError } from './contract-check';

/**
 * The handler side of the typed messages: wraps a `@MessagePattern` handler so that its request is
 * checked against the pattern's schema (@cchc/contracts QueryContracts) before the handler runs. A
 * mismatch answers the RPC error payload `{ code: CONTRACT_REQUEST_MISMATCH, kind, message }`
 * naming the field, as DomainErrorFilter would. Event handlers and patterns without a contract are
 * returned unchanged.
 */
export function contractChecked(
  pattern: string,
  handler: MessageHandler,
  isEventHandler: boolean,
): MessageHandler {
  if (isEventHandler || !isQueryPattern(pattern)) return handler;
  const checked: MessageHandler = async (data: unknown, ctx?: unknown) => {
    try {
      checkRequest(pattern, data);
    } catch (e) {
      if (e instanceof ContractError) return throwError(() => domainErrorRpcPayload(e));
      throw e;
    }
    return (await handler(data, ctx)) as unknown;
  };
  return checked;
}

/** Nest's NATS server with every query's request checked against its contract. */
export class ContractNatsServer extends ServerNats {
  constructor(options: Required<NatsOptions>['options']) {
    super(options);
  }

  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    const name = this.normalizePattern(pattern as string);
    super.addHandler(pattern, contractChecked(name, callback, isEventHandler), isEventHandler, extras);
  }
}
