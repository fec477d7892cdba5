import { describe, expect, it } from '@jest/globals';
import { ev } from '@cchc/testing';
import { admitEvents, type RawEvent } from './batch-admission';

const AT = '2021-03-01T08:00:00+07:00';
const received = (code: string, unit: string) => ev.received(code, { at: AT, due: '2021-03-10', unit });

const fromNats = (value: unknown, unit: string): RawEvent => ({
  raw: { bytes: new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)) },
  transport: 'nats',
  senderUnits: [unit],
  subject: `tthc.v1.${unit}.dossier.received`,
});

describe(admitEvents.name, () => {
  it('keeps the good events of a batch, each with its index, and rejects each bad one on its own', () => {
    const good = received('D-1', 'vp');
    const alsoGood = ev.resolved('D-1', '2021-03-05T10:00:00+07:00');
    const noDueDate = {
      ...received('D-2', 'vp'),
      data: { ...received('D-2', 'vp').data, dueDate: undefined },
    };
    const otherUnit = received('D-3', 'gdtrh');
    const batch: RawEvent[] = [
      fromNats(good, 'vp'),
      fromNats('{"id": "broken', 'vp'),
      fromNats(noDueDate, 'vp'),
      fromNats(otherUnit, 'vp'),
      { raw: { value: alsoGood }, transport: 'http', senderUnits: null, subject: null },
    ];

    const { candidates, rejections } = admitEvents(batch);
    const rejected = rejections.map((r) => ({
      index: r.index,
      id: r.deadLetter.eventId,
      errors: r.deadLetter.errors,
    }));
    const deadLetters = rejections.map((r) => r.deadLetter);

    expect(candidates.map((c) => [c.index, c.event.id, c.transport])).toEqual([
      [0, good.id, 'nats'],
      [4, alsoGood.id, 'http'],
    ]);
    expect(candidates[0].payload).toBe(JSON.stringify(good));
    expect(rejected.map((r) => [r.index, r.id])).toEqual([
      [1, null],
      [2, noDueDate.id],
      [3, otherUnit.id],
    ]);
    expect(rejected[1].errors.join('\n')).toMatch(/^data\.dueDate: /m);
    expect(rejected[2].errors).toEqual([
      'data.unitCode: "gdtrh" is outside the subject\'s unit (tthc.v1.vp.dossier.received): vp',
    ]);
    // One dead letter per rejection, with the reason and the payload as it came.
    expect(deadLetters.map((d) => [d.eventId, d.reason, d.subject])).toEqual([
      [null, expect.any(String), 'tthc.v1.vp.dossier.received'],
      [noDueDate.id, 'invalid', 'tthc.v1.vp.dossier.received'],
      [otherUnit.id, 'unit_forbidden', 'tthc.v1.vp.dossier.received'],
    ]);
    expect(deadLetters[0].payload).toBe('{"id": "broken');
  });

  it("names an HTTP sender's token units when a unit is outside them", () => {
    const e = received('D-4', 'ktkd');
    const { candidates, rejections } = admitEvents([
      { raw: { value: e }, transport: 'http', senderUnits: ['vp', 'gdtrh'], subject: null },
    ]);
    expect(candidates).toEqual([]);
    expect(rejections[0].deadLetter.errors).toEqual([
      'data.unitCode: "ktkd" is outside this token\'s units: vp, gdtrh',
    ]);
  });

  it('admits nothing and rejects nothing for an empty batch', () => {
    expect(admitEvents([])).toEqual({ candidates: [], rejections: [] });
  });
});
