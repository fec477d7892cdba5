import { Logger } from '@nestjs/common';
import {
  BaseRpcContext,
  ClientProxy,
  type CustomTransportStrategy,
  type MessageHandler,
  type MsPattern,
  type ReadPacket,
  Server,
  type WritePacket,
} from '@nestjs/microservices';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { contractChecked } from './contract-servers';
import { from, isObservable, lastValueFrom, type Observable, of } from 'rxjs';

/**
 * The all-in-one process's message bus: the same `@MessagePattern`/`@EventPattern` handlers that
 * answer over NATS in the distributed stack, called in-process. Payloads go through JSON both ways
 * so that handlers see exactly what they would see off the wire (no shared object references).
 */
export class InProcessBus {
  private readonly handlers = new Map<string, MessageHandler>();

  add(pattern: string, handler: MessageHandler): void {
    this.handlers.set(pattern, handler);
  }

  remove(pattern: string): void {
    this.handlers.delete(pattern);
  }

  get(pattern: string): MessageHandler | undefined {
    return this.handlers.get(pattern);
  }
}

function viaJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function toObservable(value: unknown): Observable<unknown> {
  if (isObservable(value)) return value;
  if (value instanceof Promise) return from(value);
  return of(value);
}

export class InProcessServer extends Server implements CustomTransportStrategy {
  private readonly own: string[] = [];

  constructor(private readonly bus: InProcessBus) {
    super();
  }

  listen(callback: () => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      this.bus.add(pattern, handler);
      this.own.push(pattern);
    }
    callback();
  }

  /** Each query's request is checked against its contract, as over NATS (contract-servers.ts). */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    const name = this.normalizePattern(pattern as MsPattern);
    super.addHandler(pattern, contractChecked(name, callback, isEventHandler), isEventHandler, extras);
  }

  close(): void {
    for (const pattern of this.own) this.bus.remove(pattern);
    this.own.length = 0;
  }

  on(): void {
    // No transport-level events in-process.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}

export class InProcessClient extends ClientProxy {
  private readonly logger = new Logger(InProcessClient.name);

  constructor(private readonly bus: InProcessBus) {
    super();
  }

  async connect(): Promise<void> {}

  close(): void {}

  unwrap<T>(): T {
    return this.bus as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const pattern = this.normalizePattern(packet.pattern as MsPattern);
    const handler = this.bus.get(pattern);
    if (!handler) {
      // The error Nest's NATS client raises when nothing subscribes: one typed check for both.
      callback({ err: new EmptyResponseException(pattern), isDisposed: true });
      return () => undefined;
    }
    let cancelled = false;
    const run = async () => {
      const result: unknown = await handler(viaJson(packet.data), new BaseRpcContext([]));
      return lastValueFrom(toObservable(result));
    };
    run().then(
      (response) => !cancelled && callback({ response: viaJson(response), isDisposed: true }),
      (err: unknown) => !cancelled && callback({ err, isDisposed: true }),
    );
    return () => {
      cancelled = true;
    };
  }

  protected async dispatchEvent<T = unknown>(packet: ReadPacket): Promise<T> {
    const pattern = this.normalizePattern(packet.pattern as MsPattern);
    let handler: MessageHandler | undefined = this.bus.get(pattern);
    // Events are fire-and-forget, as over core NATS: a handler's failure is logged, not returned.
    while (handler) {
      try {
        await lastValueFrom(toObservable(await handler(viaJson(packet.data), new BaseRpcContext([]))), {
          defaultValue: undefined,
        });
      } catch (e) {
        this.logger.error(
          `Event handler for ${pattern} failed: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      handler = handler.next;
    }
    return undefined as T;
  }
}
