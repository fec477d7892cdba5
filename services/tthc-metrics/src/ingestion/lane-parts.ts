import type {
  DeadLetterInput,
  IngestTransport,
  LedgerCandidate,
  StoreOutcome,
} from '../ledger/ledger.service';

// What EventSink hands to its lanes and gets back: one batch's part of a lane, and the outcome of
// a store call, merged over parts or split back into each part's share.

export interface Pending extends LedgerCandidate {
  index: number;
}

/** A store call's outcome, with the candidates that could not be stored (dead-lettered). */
export type Stored = StoreOutcome<Pending> & { unstorable: Array<Pending & { error: string }> };

/** One batch's part of one lane (the dead letters ride with the batch's first part). */
export interface LanePart {
  candidates: Pending[];
  deadLetters: DeadLetterInput[];
  transport: IngestTransport;
}

export function emptyStored(): Stored {
  return {
    accepted: [],
    duplicates: [],
    dossierChanges: [],
    applied: [],
    held: [],
    duplicateCandidates: [],
    refused: [],
    unstorable: [],
  };
}

export function mergeStored(outcomes: Stored[]): Stored {
  const all = emptyStored();
  for (const o of outcomes) {
    all.accepted.push(...o.accepted);
    all.duplicates.push(...o.duplicates);
    all.dossierChanges.push(...o.dossierChanges);
    all.applied.push(...o.applied);
    all.held.push(...o.held);
    all.duplicateCandidates.push(...o.duplicateCandidates);
    all.refused.push(...o.refused);
    all.unstorable.push(...o.unstorable);
  }
  return all;
}

/**
 * Each merged part's share of one transaction's outcome, by the event each entry is about (its
 * candidate's); what no part sent (held follow-ups released and refused now) goes to the first.
 * The transaction's metrics were recorded once already (LaneBatcher's `work`), so the shares
 * leave out what only the metrics read: `accepted`, `duplicates` and `dossierChanges`.
 */
export function splitStored(whole: Stored, parts: LanePart[]): Stored[] {
  const owner = new Map<unknown, number>();
  parts.forEach((p, i) => p.candidates.forEach((c) => owner.set(c.event, i)));
  const shares = parts.map(() => emptyStored());
  const of = (c: LedgerCandidate) => shares[owner.get(c.event) ?? 0];
  for (const c of whole.applied) of(c).applied.push(c);
  for (const c of whole.held) of(c).held.push(c);
  for (const c of whole.duplicateCandidates) of(c).duplicateCandidates.push(c);
  for (const r of whole.refused) of(r.candidate).refused.push(r);
  for (const c of whole.unstorable) of(c).unstorable.push(c);
  return shares;
}
