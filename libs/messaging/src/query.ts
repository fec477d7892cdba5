import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import type { QueryPattern, QueryReply, QueryRequest } from '@cchc/contracts';
import { checkReply, checkRequest } from './contract-check';

/**
 * The requester side of the typed messages: sends a request/reply query and checks both the
 * request (before it leaves) and the reply (before anyone reads it) against the pattern's schemas.
 * A mismatch is a ContractError naming the pattern, its version and the field; transport failures
 * (timeout, no responder, the handler's own error payload) are rethrown as they came.
 */
export async function query<P extends QueryPattern>(
  bus: ClientProxy,
  pattern: P,
  request: QueryRequest<P>,
  timeoutMs: number,
): Promise<QueryReply<P>> {
  checkRequest(pattern, request);
  const reply = await firstValueFrom(bus.send<unknown>(pattern, request).pipe(timeout(timeoutMs)));
  return checkReply(pattern, reply) as QueryReply<P>;
}
