import type { EntityManager } from 'typeorm';
import type { HeldRow } from './batch-reads';
import { ledgerSubjectKey, type LedgerCandidate } from './unit-authority';

// The ledger's own writes inside a batch's transaction: subject locks, the event insert, holding.

export async function insertEvents(em: EntityManager, candidates: LedgerCandidate[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const events = candidates.map((c) => c.event);
  // One multi-row INSERT … ON CONFLICT DO NOTHING for the whole batch; RETURNING tells the new ids.
  const rows: Array<{ id: string }> = await em.query(
    `INSERT INTO tthc.event (id, type, subject_key, unit_code, time, source, envelope, transport)
     SELECT id, type, subject_key, unit_code, time, source, envelope::jsonb, transport
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
       AS t(id, type, subject_key, unit_code, time, source, envelope, transport)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map(ledgerSubjectKey),
      events.map((e) => ('unitCode' in e.data ? e.data.unitCode : null)),
      events.map((e) => e.time),
      events.map((e) => e.source),
      events.map((e) => JSON.stringify(e)),
      candidates.map((c) => c.transport),
    ],
  );
  return new Set(rows.map((r) => r.id));
}

export async function lockSubjects(em: EntityManager, keys: string[]): Promise<void> {
  await em.query(
    `SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS s`,
    [keys],
  );
}

export async function holdEvents(em: EntityManager, held: LedgerCandidate[]): Promise<void> {
  if (held.length === 0) return;
  await em.query(
    `INSERT INTO tthc.held_event (id, subject_key, sender_units, envelope, transport, subject)
     SELECT id, subject_key, CASE WHEN units IS NULL THEN NULL ELSE string_to_array(units, ',') END,
       envelope::jsonb, transport, subject
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS t(id, subject_key, units, envelope, transport, subject)
     ON CONFLICT (id) DO NOTHING`,
    [
      held.map((c) => c.event.id),
      held.map((c) => ledgerSubjectKey(c.event)),
      // Unit codes are [a-z0-9-]: a comma cannot occur in one.
      held.map((c) => (c.senderUnits === null ? null : c.senderUnits.join(','))),
      held.map((c) => JSON.stringify(c.event)),
      held.map((c) => c.transport),
      held.map((c) => c.subject),
    ],
  );
}

export function heldCandidate(r: HeldRow): LedgerCandidate {
  return {
    event: r.envelope,
    senderUnits: r.sender_units,
    transport: r.transport,
    subject: r.subject,
    payload: JSON.stringify(r.envelope),
  };
}
