import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Longest raw payload kept in a dead-letter record. */
const MAX_DEAD_LETTER_PAYLOAD = 64 * 1024;

export type IngestTransport = 'http' | 'nats' | 'in_process';

export interface DeadLetterInput {
  eventId: string | null;
  transport: IngestTransport;
  subject: string | null;
  reason: string;
  errors: string[];
  payload: string;
}

// PostgreSQL text refuses NUL, and jsonb refuses lone UTF-16 surrogates: what a hostile sender
// put there is shown as U+2400 / U+FFFD instead, so the record itself can always be written.
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export function storableText(s: string): string {
  return s.replace(NUL, '\u2400').replace(LONE_SURROGATE, '\uFFFD');
}

export function payloadHash(payload: string): string {
  return createHash('sha256').update(payload).digest('hex');
}

/**
 * Writes dead letters keyed by the SHA-256 of their payload: the same poison payload delivered a
 * thousand times is one row with a delivery count and the latest reason. Bounded cost per batch:
 * one statement, whatever the flood.
 */
export async function upsertDeadLetters(
  em: EntityManager,
  entries: readonly DeadLetterInput[],
): Promise<void> {
  if (entries.length === 0) return;
  // One row per payload in the statement (ON CONFLICT may not touch a row twice).
  const byHash = new Map<string, { entry: DeadLetterInput; payload: string; count: number }>();
  for (const d of entries) {
    const payload = storableText(d.payload);
    const hash = payloadHash(payload);
    const seen = byHash.get(hash);
    if (seen) {
      seen.count += 1;
      seen.entry = d;
    } else byHash.set(hash, { entry: d, payload, count: 1 });
  }
  const rows = [...byHash.entries()];
  await em.query(
    `INSERT INTO tthc.dead_letter (payload_hash, event_id, transport, subject, reason, errors, payload, delivery_count)
     SELECT payload_hash, event_id, transport, subject, reason, errors::jsonb, payload, delivery_count
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
       AS t(payload_hash, event_id, transport, subject, reason, errors, payload, delivery_count)
     ON CONFLICT (payload_hash) DO UPDATE SET
       delivery_count = tthc.dead_letter.delivery_count + EXCLUDED.delivery_count,
       reason = EXCLUDED.reason, errors = EXCLUDED.errors, transport = EXCLUDED.transport,
       subject = EXCLUDED.subject, last_seen_at = now()`,
    [
      rows.map(([hash]) => hash),
      rows.map(([, r]) => (r.entry.eventId === null ? null : storableText(r.entry.eventId))),
      rows.map(([, r]) => r.entry.transport),
      rows.map(([, r]) => (r.entry.subject === null ? null : storableText(r.entry.subject))),
      rows.map(([, r]) => r.entry.reason),
      rows.map(([, r]) => JSON.stringify(r.entry.errors.map(storableText))),
      // Keep what arrived, bounded here for every caller: a 16 MB body is not worth storing twice.
      rows.map(([, r]) => r.payload.slice(0, MAX_DEAD_LETTER_PAYLOAD)),
      rows.map(([, r]) => r.count),
    ],
  );
}
