import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { tthcSubject } from '@cchc/contracts';

/**
 * Publishes CloudEvents to JetStream as a one-stop system does: subject `tthc.v1.<unit>.<type>`,
 * `Nats-Msg-Id` = the event id, 500 publishes in flight at a time. `unitOf` maps an event id to its
 * dossier's unit (follow-up events carry none of their own).
 */
export async function publishToJetStream(
  natsUrl: string,
  events: ReadonlyArray<{ id: string; type: string }>,
  unitOf: ReadonlyMap<string, string>,
): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const js = jetstream(nc);
    for (let i = 0; i < events.length; i += 500) {
      await Promise.all(
        events.slice(i, i + 500).map((e) => {
          const unit = unitOf.get(e.id);
          if (!unit) throw new Error(`no unit for event ${e.id}`);
          return js.publish(tthcSubject(unit, e.type), JSON.stringify(e), { msgID: e.id });
        }),
      );
    }
  } finally {
    await nc.close();
  }
}
