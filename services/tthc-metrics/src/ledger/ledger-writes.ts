import type { EntityManager } from 'typeorm';
import { textArrayParam } from '@cchc/database';
import { unnestParam, wireType } from './unnest-params';
import type { HeldRow } from './batch-reads';
import { ledgerSubjectKey, type LedgerCandidate } from './unit-authority';

// The ledger's own writes inside a batch's transaction: subject locks, the event insert, holding.

/** The columns of a tthc.event row (besides ingested_at), their types and values (bulk loader: COPY). */
export const EVENT_COLUMNS: ReadonlyArray<readonly [string, string, (c: LedgerCandidate) => string | null]> =
  [
    ['id', 'text', (c) => c.event.id],
    ['type', 'text', (c) => c.event.type],
    ['subject_key', 'text', (c) => ledgerSubjectKey(c.event)],
    ['unit_code', 'text', (c) => ('unitCode' in c.event.data ? c.event.data.unitCode : null)],
    ['time', 'timestamptz', (c) => c.event.time],
    ['source', 'text', (c) => c.event.source],
    ['envelope', 'jsonb', (c) => JSON.stringify(c.event)],
    ['transport', 'text', (c) => c.transport],
  ];

export async function insertEvents(em: EntityManager, candidates: LedgerCandidate[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const names = EVENT_COLUMNS.map(([name]) => name).join(', ');
  // One multi-row INSERT … ON CONFLICT DO NOTHING for the whole batch; RETURNING tells the new ids.
  const rows: Array<{ id: string }> = await em.query(
    `INSERT INTO tthc.event (${names})
     SELECT ${EVENT_COLUMNS.map(([name, type]) => (type === 'jsonb' ? `${name}::jsonb` : name)).join(', ')}
     FROM unnest(${EVENT_COLUMNS.map(([, type], i) => `$${i + 1}::${wireType(type)}[]`).join(', ')})
       AS t(${names})
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    EVENT_COLUMNS.map(([, type, value]) => unnestParam(type, candidates.map(value))),
  );
  return new Set(rows.map((r) => r.id));
}

export async function lockSubjects(em: EntityManager, keys: string[]): Promise<void> {
  await em.query(
    `SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS s`,
    [textArrayParam(keys)],
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
