import { describe, expect, it } from '@jest/globals';
import { validateTthcEvent, type TthcEvent } from '@cchc/contracts';
import { decideUnitAuthority, type LedgerCandidate } from './unit-authority';

function event(raw: Record<string, unknown>): TthcEvent {
  const r = validateTthcEvent({ specversion: '1.0', source: 's', time: '2021-02-01T08:00:00+07:00', ...raw });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.event;
}
const received = (id: string, code: string, unit: string) =>
  event({
    id,
    type: 'vn.cchc.tthc.dossier.received.v1',
    subject: code,
    data: {
      dossierCode: code,
      procedureCode: 'P',
      unitCode: unit,
      channel: 'online',
      receivedAt: '2021-02-01T08:00:00+07:00',
      dueDate: '2021-02-10',
    },
  });
const withdrawn = (id: string, code: string) =>
  event({
    id,
    type: 'vn.cchc.tthc.dossier.withdrawn.v1',
    subject: code,
    data: { dossierCode: code, withdrawnAt: '2021-02-02T08:00:00+07:00' },
  });
const from = (units: string[] | null, e: TthcEvent): LedgerCandidate => ({
  event: e,
  senderUnits: units,
  transport: 'nats',
  subject: null,
  payload: '{}',
});

describe(decideUnitAuthority.name, () => {
  it('refuses a follow-up for a dossier of another unit with "unit mismatch"', () => {
    const d = decideUnitAuthority([from(['orc-z'], withdrawn('w', 'A-1'))], new Map([['d:A-1', 'orc-a']]));
    expect(d.apply).toEqual([]);
    expect(d.refuse[0].error).toMatch(/^unit mismatch: dossier "A-1" belongs to unit "orc-a"/);
  });

  it('holds a follow-up whose dossier is unknown, and applies one whose received event is in the same batch', () => {
    const alone = decideUnitAuthority([from(['orc-a'], withdrawn('w1', 'A-2'))], new Map());
    expect(alone.hold).toHaveLength(1);
    const together = decideUnitAuthority(
      [from(['orc-a'], withdrawn('w2', 'A-3')), from(['orc-a'], received('r', 'A-3', 'orc-a'))],
      new Map(),
    );
    expect(together.apply.map((c) => c.event.id).sort()).toEqual(['r', 'w2']);
  });

  it('lets an admin (any unit) act for every dossier, and refuses a second received event naming another unit', () => {
    const d = decideUnitAuthority(
      [from(null, withdrawn('w', 'A-1')), from(['orc-z'], received('r2', 'A-1', 'orc-z'))],
      new Map([['d:A-1', 'orc-a']]),
    );
    expect(d.apply.map((c) => c.event.id)).toEqual(['w']);
    expect(d.refuse.map((r) => r.candidate.event.id)).toEqual(['r2']);
  });
});
