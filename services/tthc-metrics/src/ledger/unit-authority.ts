import type { IngestTransport } from './dead-letter-store';
import { eventUnitCode, isDossierEvent, eventSubjectKey, type TthcEvent } from '@cchc/contracts';

/** The units a sender may speak for: a NATS subject's unit, a token's units; `null` is any (admin). */
export type SenderUnits = readonly string[] | null;

/** One valid event on its way into the ledger, with who sent it and how. */
export interface LedgerCandidate {
  event: TthcEvent;
  senderUnits: SenderUnits;
  transport: IngestTransport;
  subject: string | null;
  /** The raw payload, kept in the dead letter if the event is refused. */
  payload: string;
}

export interface AuthorityDecision<C extends LedgerCandidate> {
  apply: C[];
  hold: C[];
  refuse: Array<{ candidate: C; error: string }>;
}

// Dossier codes and feedback ids are separate namespaces: the ledger keys them apart.
export function ledgerSubjectKey(event: TthcEvent): string {
  return `${isDossierEvent(event) ? 'd' : 'f'}:${eventSubjectKey(event)}`;
}

export function mayActFor(units: SenderUnits, unit: string): boolean {
  return units === null || units.includes(unit);
}

function describe(event: TthcEvent): string {
  return isDossierEvent(event)
    ? `dossier "${event.data.dossierCode}"`
    : `feedback "${event.data.feedbackId}"`;
}

/**
 * Unit authority (architecture.md §4 rev. 2), decided under the subjects' locks. A dossier (or
 * feedback) belongs to the unit of its first accepted received event. A received event naming
 * another unit for an owned dossier, or a follow-up whose sender may not speak for the owner, is
 * refused with `unit mismatch`. A follow-up for a subject nobody owns yet is held; `candidates`
 * may include held ones being re-checked now that their received event came.
 *
 * @param owners the owner of each subject already in the ledger
 */
export function decideUnitAuthority<C extends LedgerCandidate>(
  candidates: readonly C[],
  owners: ReadonlyMap<string, string>,
): AuthorityDecision<C> & { owners: Map<string, string> } {
  const owner = new Map(owners);
  const decision: AuthorityDecision<C> = { apply: [], hold: [], refuse: [] };
  // Received events first: they establish ownership of new subjects.
  const followUps: C[] = [];
  for (const c of candidates) {
    const unit = eventUnitCode(c.event);
    if (unit === null) {
      followUps.push(c);
      continue;
    }
    const key = ledgerSubjectKey(c.event);
    const current = owner.get(key);
    if (current === undefined) owner.set(key, unit);
    if (current === undefined || current === unit) decision.apply.push(c);
    else
      decision.refuse.push({
        candidate: c,
        error: `unit mismatch: ${describe(c.event)} belongs to unit "${current}", this event names unit "${unit}"`,
      });
  }
  for (const c of followUps) {
    const current = owner.get(ledgerSubjectKey(c.event));
    if (current === undefined) decision.hold.push(c);
    else if (mayActFor(c.senderUnits, current)) decision.apply.push(c);
    else
      decision.refuse.push({
        candidate: c,
        error: `unit mismatch: ${describe(c.event)} belongs to unit "${current}", not to the sender's units (${(c.senderUnits ?? []).join(', ')})`,
      });
  }
  return { ...decision, owners: owner };
}
