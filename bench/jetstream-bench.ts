// JetStream pieces of the benchmark: pipelined publishing (a window of publishes in flight, as a
// one-stop system that does not wait for each acknowledgement), and watching the tthc-metrics
// durable consumer drain through the public JetStream API (stream and consumer names from
// @cchc/contracts; whatever consumers the service creates on the stream are summed).
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { TTHC_STREAM, tthcSubject } from '@cchc/contracts';
import type { TthcCloudEvent } from '../tools/simulator/src/generator';
import { msSince, Progress } from './bench-results';

export const IN_FLIGHT = 256;

export interface NatsBench {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  close(): Promise<void>;
}

export async function connectNats(url: string): Promise<NatsBench> {
  // No async stack traces: otherwise the client builds an Error per publish (a JetStream publish is a
  // request) to keep its stack, which costs more than the publish itself at these rates.
  const nc = await connect({ servers: url, name: 'cchc-bench', noAsyncTraces: true });
  return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc), close: () => nc.close() };
}

export interface Outgoing {
  subject: string;
  payload: string;
  id: string;
}

/** The events as a one-stop system publishes them: subject by unit and type, Nats-Msg-Id = id. */
export function toOutgoing(
  events: readonly TthcCloudEvent[],
  units: ReadonlyMap<string, string>,
): Outgoing[] {
  return events.map((e) => {
    const unit = units.get(e.id);
    if (unit === undefined) throw new Error(`bench: no unit for event ${e.id}`);
    return { subject: tthcSubject(unit, e.type), payload: JSON.stringify(e), id: e.id };
  });
}

/** Publishes with `inFlight` publishes awaiting their acknowledgement at any time; returns ms. */
export async function publishPipelined(
  js: JetStreamClient,
  items: readonly Outgoing[],
  label: string,
  inFlight = IN_FLIGHT,
): Promise<number> {
  const progress = new Progress(label, items.length);
  let next = 0;
  let done = 0;
  const start = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await js.publish(item.subject, item.payload, { msgID: item.id });
      done += 1;
      progress.update(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
  return msSince(start);
}

/** Deletes the TTHC stream (and its consumers) so that the next service start begins empty. */
export async function resetTthcStream(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.delete(TTHC_STREAM);
  } catch {
    // Not there yet.
  }
}

export async function streamMessages(jsm: JetStreamManager): Promise<number> {
  return (await jsm.streams.info(TTHC_STREAM)).state.messages;
}

/** Messages of the TTHC stream not yet delivered, and delivered but not acknowledged. */
export async function backlog(
  jsm: JetStreamManager,
): Promise<{ pending: number; ackPending: number; consumers: number }> {
  let pending = 0;
  let ackPending = 0;
  let consumers = 0;
  for await (const c of jsm.consumers.list(TTHC_STREAM)) {
    pending += c.num_pending;
    ackPending += c.num_ack_pending;
    consumers += 1;
  }
  return { pending, ackPending, consumers };
}

/**
 * Waits until the service's consumer(s) have acknowledged `total` messages (nothing pending, nothing
 * awaiting an ack) and returns the drain time in ms from the first delivery seen (service start-up is
 * not counted). Polls every 25 ms; gives up after `timeoutMs`.
 */
export async function waitDrained(
  jsm: JetStreamManager,
  total: number,
  label: string,
  timeoutMs: number,
): Promise<{ ms: number; fromStart: number }> {
  const progress = new Progress(label, total);
  const started = process.hrtime.bigint();
  let firstDelivery: bigint | undefined;
  // Everything acknowledged but the stream short of `total` (events never published, or deduplicated
  // by Nats-Msg-Id) never resolves by waiting: after STALL_MS without a change it is an error.
  let short: { count: number; since: bigint } | undefined;
  for (;;) {
    const b = await backlog(jsm);
    const remaining = b.pending + b.ackPending;
    if (b.consumers > 0 && firstDelivery === undefined && b.pending < total)
      firstDelivery = process.hrtime.bigint();
    if (b.consumers > 0) progress.update(total - remaining);
    if (b.consumers > 0 && remaining === 0) {
      const inStream = await streamMessages(jsm);
      if (inStream >= total) {
        progress.update(total, true);
        const end = process.hrtime.bigint();
        return { ms: Number(end - (firstDelivery ?? started)) / 1e6, fromStart: Number(end - started) / 1e6 };
      }
      if (short?.count !== inStream) short = { count: inStream, since: process.hrtime.bigint() };
      else if (msSince(short.since) > STALL_MS)
        throw new Error(
          `${label}: every message is acknowledged but the ${TTHC_STREAM} stream holds ${inStream} of the ${total} expected, unchanged for ${STALL_MS / 1000} s`,
        );
    } else short = undefined;
    if (msSince(started) > timeoutMs)
      throw new Error(
        `${label}: ${remaining} of ${total} messages still unacknowledged after ${timeoutMs} ms`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** How long `waitDrained` waits for a stream that stays short of the expected count. */
export const STALL_MS = 30_000;
