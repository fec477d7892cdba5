// What the ingestion path does with each raw event before storage, one event at a time: decode,
// screen, validate against the contract, and check that the sender may speak for the unit it
// names. A bad event becomes a rejection with its dead letter and never sinks the others.
import { eventUnitCode, readEventId, validateTthcEvent } from '@cchc/contracts';
import type { DeadLetterInput, IngestTransport, SenderUnits } from '../ledger/ledger.service';
import { mayActFor } from '../ledger/unit-authority';
import { decodeEventBytes, screenEvent } from './event-screening';
import type { Pending } from './lane-parts';

/** One raw event as a transport received it, with who may have sent it. */
export interface RawEvent {
  /** Bytes off a broker, or a value an HTTP body parser already produced. */
  raw: { bytes: Uint8Array } | { value: unknown };
  transport: IngestTransport;
  /** The units the sender may speak for (NATS: the subject's unit; HTTP: the token's); null: any. */
  senderUnits: SenderUnits;
  /** The NATS subject it came on, kept in a dead letter. */
  subject: string | null;
}

/** A rejected event: its index in the batch and its dead letter (id, reason, errors, payload). */
export interface Rejection {
  index: number;
  deadLetter: DeadLetterInput;
}

/** A batch sorted into what to store and what to reject. */
export interface Admission {
  /** The events to store, each with its index in the batch. */
  candidates: Pending[];
  rejections: Rejection[];
}

function asText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Sorts a batch of raw events into candidates for the ledger and rejections (with dead letters). */
export function admitEvents(events: readonly RawEvent[]): Admission {
  const candidates: Pending[] = [];
  const rejections: Rejection[] = [];
  const reject = (
    index: number,
    e: RawEvent,
    id: string | null,
    reason: string,
    errors: string[],
    payload: string,
  ) => {
    rejections.push({
      index,
      deadLetter: { eventId: id, transport: e.transport, subject: e.subject, reason, errors, payload },
    });
  };

  events.forEach((e, index) => {
    let value: unknown;
    // The payload text is kept only for a dead letter: for a value an HTTP body parser produced,
    // it is serialised when one needs it, not for every event.
    let payload: () => string;
    if ('bytes' in e.raw) {
      const decoded = decodeEventBytes(e.raw.bytes);
      if (!decoded.ok) return reject(index, e, null, decoded.reason, decoded.errors, decoded.text);
      value = decoded.value;
      const text = decoded.text;
      payload = () => text;
    } else {
      const raw = e.raw.value;
      value = raw;
      payload = () => asText(raw);
    }
    const screened = screenEvent(value);
    if (screened.length > 0) return reject(index, e, readEventId(value), 'invalid', screened, payload());
    const checked = validateTthcEvent(value);
    if (!checked.ok) {
      const reason = checked.errors.some((x) => x.startsWith('type:')) ? 'unknown_type' : 'invalid';
      return reject(index, e, checked.id, reason, checked.errors, payload());
    }
    // The sender must speak for the unit a received event names (token units, NATS subject).
    const unit = eventUnitCode(checked.event);
    if (unit !== null && !mayActFor(e.senderUnits, unit)) {
      const where = e.subject ? `the subject's unit (${e.subject})` : `this token's units`;
      return reject(
        index,
        e,
        checked.event.id,
        'unit_forbidden',
        [`data.unitCode: "${unit}" is outside ${where}: ${(e.senderUnits ?? []).join(', ')}`],
        payload(),
      );
    }
    candidates.push({
      index,
      event: checked.event,
      senderUnits: e.senderUnits,
      transport: e.transport,
      subject: e.subject,
      get payload() {
        return payload();
      },
    });
  });
  return { candidates, rejections };
}
