import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

export type { JsMsg };

/** JetStream durations are nanoseconds. */
const nanos = (ms: number): number => ms * 1_000_000;

export interface JetStreamConnection {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  close(): Promise<void>;
}

export async function connectJetStream(
  url: string,
  name: string,
  auth: { user?: string; pass?: string } = {},
): Promise<JetStreamConnection> {
  const nc = await connect({
    servers: url,
    name,
    maxReconnectAttempts: -1,
    // The client otherwise captures an async stack trace for every request (each JetStream
    // publish is one): 10% of the ingesting process's CPU in the issue-10 profile.
    noAsyncTraces: true,
    ...(auth.user ? { user: auth.user, pass: auth.pass } : {}),
  });
  const jsm = await jetstreamManager(nc);
  return {
    nc,
    js: jetstream(nc),
    jsm,
    close: async () => {
      if (!nc.isClosed()) await nc.drain();
    },
  };
}

/** Creates the stream, or updates its subjects when it exists (start-up of every replica). */
export async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  subjects: string[],
  duplicateWindowMs = 120_000,
): Promise<void> {
  try {
    const info = await jsm.streams.info(name);
    const have = new Set(info.config.subjects ?? []);
    if (subjects.some((s) => !have.has(s))) {
      await jsm.streams.update(name, { ...info.config, subjects: [...new Set([...have, ...subjects])] });
    }
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await jsm.streams.add({ name, subjects, duplicate_window: nanos(duplicateWindowMs) });
  }
}

// Typed: the server's API error code, never the wording of its message.
function isNotFound(e: unknown): boolean {
  return (
    e instanceof JetStreamApiError &&
    (e.code === JetStreamApiCodes.StreamNotFound || e.code === JetStreamApiCodes.ConsumerNotFound)
  );
}

export interface DurableConsumerOptions {
  stream: string;
  durable: string;
  filterSubject?: string;
  /**
   * Deliveries before the server gives up on a message; -1 (the default): never. A durable event
   * consumer must keep it unlimited (architecture.md §4 rev. 2): a message the server stops
   * delivering is lost to the consumer, so a handler that cannot store it naks it with a delay
   * instead, as long as it takes.
   */
  maxDeliver?: number;
  ackWaitMs: number;
  /** Redelivery delays after an ack timeout, one per attempt (only with a bounded maxDeliver). */
  backoffMs?: number[];
  /** Unacknowledged messages the server lets the consumer hold (default: the server's, 1,000). */
  maxAckPending?: number;
}

/** The durable pull consumer shared by every replica (each message goes to one of them). */
export async function ensureDurableConsumer(jsm: JetStreamManager, o: DurableConsumerOptions): Promise<void> {
  const maxDeliver = o.maxDeliver ?? -1;
  const backoff = maxDeliver > 0 ? (o.backoffMs ?? []).slice(0, Math.max(0, maxDeliver - 1)).map(nanos) : [];
  const config = {
    durable_name: o.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_deliver: maxDeliver,
    ack_wait: nanos(o.ackWaitMs),
    ...(backoff.length > 0 ? { backoff } : {}),
    ...(o.filterSubject ? { filter_subject: o.filterSubject } : {}),
    ...(o.maxAckPending !== undefined ? { max_ack_pending: o.maxAckPending } : {}),
  };
  try {
    await jsm.consumers.info(o.stream, o.durable);
    await jsm.consumers.update(o.stream, o.durable, config);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await jsm.consumers.add(o.stream, config);
  }
}

export interface BatchConsumerOptions {
  stream: string;
  durable: string;
  batchSize: number;
  /** A partial batch is processed after this long, so the tail of a stream never waits. */
  flushMs: number;
  /**
   * Batches handled at the same time (default 1): with 2, the next batch is pulled, parsed and
   * started while the previous one commits. `handle` must be safe to run concurrently (the ledger
   * serialises per subject with its locks, as it does for replicas).
   */
  maxInFlight?: number;
  onError?: (e: unknown) => void;
}

/**
 * Pulls from a durable consumer and hands messages to `handle` in batches, at most `maxInFlight`
 * batches at a time; `handle` acks, naks or terms each message. A batch goes when it is full; when
 * nothing is being handled, what has arrived goes at once (after the burst it came in), and what
 * arrives meanwhile goes when that batch is done (group commit: the batch grows with the rate and
 * with the time a batch takes, and a lone event does not wait for a timer); a partial batch also
 * goes after `flushMs` when a slot is free. Memory stays bounded: at most `maxInFlight` batches in
 * hand, one filling, and the client's pull buffer of two batches.
 */
export class BatchConsumer {
  private messages: ConsumerMessages | undefined;
  private pending: JsMsg[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private eager: NodeJS.Immediate | undefined;
  private stopping = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly js: JetStreamClient,
    private readonly options: BatchConsumerOptions,
    private readonly handle: (batch: JsMsg[]) => Promise<void>,
  ) {}

  private get maxInFlight(): number {
    return Math.max(1, this.options.maxInFlight ?? 1);
  }

  async start(): Promise<void> {
    const consumer = await this.js.consumers.get(this.options.stream, this.options.durable);
    this.messages = await consumer.consume({ max_messages: this.options.batchSize * 2 });
    this.timer = setInterval(() => {
      // A partial batch waits for a free slot: the full ones ahead of it go first.
      if (this.inFlight.size < this.maxInFlight) this.dispatch();
    }, this.options.flushMs);
    this.loop = (async () => {
      for await (const m of this.messages!) {
        this.pending.push(m);
        if (this.pending.length >= this.options.batchSize) {
          await this.slot();
          this.dispatch();
        } else if (this.inFlight.size === 0) this.dispatchWhenIdle();
      }
    })().catch((e: unknown) => this.options.onError?.(e));
  }

  /** Resolves once fewer than `maxInFlight` batches are being handled. */
  private async slot(): Promise<void> {
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
  }

  /** Dispatches what has arrived once the current burst is in, if nothing is being handled then. */
  private dispatchWhenIdle(): void {
    if (this.stopping) return;
    this.eager ??= setImmediate(() => {
      this.eager = undefined;
      if (this.inFlight.size === 0) this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const handled: Promise<void> = this.handle(batch)
      .catch((e: unknown) => this.options.onError?.(e))
      .finally(() => {
        this.inFlight.delete(handled);
        if (this.inFlight.size === 0) this.dispatchWhenIdle();
      });
    this.inFlight.add(handled);
  }

  /** Stops pulling, finishes the batches in hand, leaves the unacknowledged ones for redelivery. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    clearImmediate(this.eager);
    await this.messages?.close();
    await this.loop;
    await this.slot();
    this.dispatch();
    await Promise.all(this.inFlight);
  }
}
