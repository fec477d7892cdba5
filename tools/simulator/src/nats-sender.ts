// Publishes events to JetStream on their unit's subject (tthc.v1.<unit>.<type>), pipelined, with
// the event id as Nats-Msg-Id so that the stream deduplicates a re-send.
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { tthcSubject } from '@cchc/contracts';
import { eventUnitCodes } from './event-units';
import type { TthcCloudEvent } from './generator';
import type { Log, Pacer } from './pacer';
import { describeFetchError, SimulatorError, type SimulatorOptions } from './simulator-options';

const NATS_IN_FLIGHT = 256;

export async function sendNats(
  events: TthcCloudEvent[],
  options: SimulatorOptions,
  pacer: Pacer,
  log: Log,
): Promise<void> {
  const units = eventUnitCodes(events);
  let nc;
  try {
    nc = await connect({
      servers: options.natsUrl,
      user: options.natsUser,
      pass: options.natsPass,
      name: 'cchc-simulator',
      maxReconnectAttempts: 10,
    });
  } catch (error) {
    throw new SimulatorError(`cannot connect to NATS at ${options.natsUrl}: ${describeFetchError(error)}`);
  }
  const js = jetstream(nc);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  try {
    for (const event of events) {
      if (options.signal?.aborted === true || failure !== undefined) break;
      const unit = units.get(event.id);
      if (unit === undefined) {
        // Cannot happen with generated streams: every follow-up event has its dossier.received.
        log(`simulator: no unit for event ${event.id} (${event.type}); skipped`);
        continue;
      }
      await pacer.before(1);
      // Pipelined publishes: JetStream acks come back asynchronously; keep a bounded window open.
      const p: Promise<void> = js
        .publish(tthcSubject(unit, event.type), JSON.stringify(event), { msgID: event.id })
        .then((ack) => {
          if (ack.duplicate) pacer.summary.duplicates++;
          else pacer.summary.accepted++;
        })
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      pacer.summary.sent++;
      if (inFlight.size >= NATS_IN_FLIGHT) await Promise.race(inFlight);
      pacer.progress();
    }
    await Promise.all(inFlight);
    if (failure !== undefined) {
      const message = describeFetchError(failure);
      const hint = /no responders|503/i.test(message)
        ? ' (no JetStream stream captures tthc.v1.>: start tthc-metrics first, it creates TTHC_EVENTS)'
        : '';
      throw new SimulatorError(`JetStream publish failed: ${message}${hint}`);
    }
    pacer.progress(true);
  } finally {
    await nc.drain().catch(() => undefined);
  }
}
