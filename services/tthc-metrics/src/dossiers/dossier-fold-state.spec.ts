import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  compactDossierEvents,
  FOLD_STATE_VERSION,
  nextFoldState,
  usableFoldState,
} from './dossier-fold-state';
import { projectDossier } from './dossier-projection';
import type { StoredDossierEvent } from './stored-events';

const CODE = 'D-1';
// A few instants over a week (with ties, weekends and a day boundary in local time), so that the
// generated events collide on times, dates and orders as often as possible.
const INSTANTS = [
  '2021-01-04T08:00:00+07:00',
  '2021-01-04T23:30:00+07:00',
  '2021-01-05T08:00:00+07:00',
  '2021-01-05T16:00:00+07:00',
  '2021-01-07T09:00:00+07:00',
  '2021-01-09T10:00:00+07:00',
  '2021-01-11T08:00:00+07:00',
];
const DATES = ['2021-01-06', '2021-01-08', '2021-01-09', '2021-01-12', '2021-01-15'];

const at = fc.constantFrom(...INSTANTS);
const date = fc.constantFrom(...DATES);
type Data = StoredDossierEvent['data'];

/** One event of any dossier type, without its id (given by `events`). */
const body: fc.Arbitrary<Omit<StoredDossierEvent, 'id'>> = fc.oneof(
  fc
    .record({
      time: at,
      receivedAt: at,
      dueDate: date,
      digitized: fc.boolean(),
      unit: fc.constantFrom('u1', 'u2'),
    })
    .map((r) => ({
      type: 'vn.cchc.tthc.dossier.received.v1' as const,
      time: r.time,
      data: {
        dossierCode: CODE,
        procedureCode: '1.000001',
        unitCode: r.unit,
        channel: 'online' as const,
        receivedAt: r.receivedAt,
        dueDate: r.dueDate,
        digitized: r.digitized,
      },
    })),
  at.map((t) => ({
    type: 'vn.cchc.tthc.dossier.supplement_requested.v1' as const,
    time: t,
    data: { dossierCode: CODE, requestedAt: t },
  })),
  fc.tuple(at, date).map(([t, d]) => ({
    type: 'vn.cchc.tthc.dossier.supplement_received.v1' as const,
    time: t,
    data: { dossierCode: CODE, receivedAt: t, dueDate: d },
  })),
  fc.tuple(at, date).map(([t, d]) => ({
    type: 'vn.cchc.tthc.dossier.apology_issued.v1' as const,
    time: t,
    data: { dossierCode: CODE, issuedAt: t, letterNo: '1/PXL', reason: 'Chờ xác minh', newDueDate: d },
  })),
  fc
    .tuple(at, fc.constantFrom('approved' as const, 'rejected' as const), fc.boolean())
    .map(([t, outcome, e]) => ({
      type: 'vn.cchc.tthc.dossier.resolved.v1' as const,
      time: t,
      data: { dossierCode: CODE, resolvedAt: t, outcome, eResult: e },
    })),
  at.map((t) => ({
    type: 'vn.cchc.tthc.dossier.withdrawn.v1' as const,
    time: t,
    data: { dossierCode: CODE, withdrawnAt: t },
  })),
  fc.tuple(at, fc.constantFrom('direct' as const, 'online' as const, 'postal' as const)).map(([t, c]) => ({
    type: 'vn.cchc.tthc.dossier.returned.v1' as const,
    time: t,
    data: { dossierCode: CODE, returnedAt: t, returnChannel: c },
  })),
  fc.tuple(at, fc.constantFrom('online' as const, 'direct' as const)).map(([t, c]) => ({
    type: 'vn.cchc.tthc.dossier.paid.v1' as const,
    time: t,
    data: { dossierCode: CODE, paidAt: t, channel: c, amountVnd: 1000 },
  })),
  fc
    .tuple(at, fc.constantFrom('satisfied' as const, 'neutral' as const, 'dissatisfied' as const))
    .map(([t, rating]) => ({
      type: 'vn.cchc.tthc.dossier.rated.v1' as const,
      time: t,
      data: { dossierCode: CODE, ratedAt: t, rating },
    })),
);

/** A dossier's events with distinct ids (as the ledger stores them), up to 14. */
const events: fc.Arbitrary<StoredDossierEvent[]> = fc
  .uniqueArray(
    fc.tuple(
      fc.integer({ min: 0, max: 63 }).map((n) => `e${n.toString(16).padStart(2, '0')}`),
      body,
    ),
    {
      selector: ([id]) => id,
      maxLength: 14,
    },
  )
  .map((list) => list.map(([id, b]) => ({ id, ...b }) as StoredDossierEvent));

/** Folds the events in the given chunks, one after another, as the ledger does batch by batch. */
function foldInChunks(chunks: StoredDossierEvent[][]) {
  let state = null as ReturnType<typeof nextFoldState> | null;
  for (const chunk of chunks) state = nextFoldState(state, chunk);
  return state;
}

function ev(
  id: string,
  type: StoredDossierEvent['type'],
  time: string,
  data: Partial<Data>,
): StoredDossierEvent {
  return { id, type, time, data: { dossierCode: CODE, ...data } } as StoredDossierEvent;
}

describe(compactDossierEvents.name, () => {
  it('keeps only the counted received, the two earliest ends and the earliest online payment', () => {
    const all = [
      ev('r1', 'vn.cchc.tthc.dossier.received.v1', INSTANTS[0], {
        procedureCode: 'p',
        unitCode: 'u1',
        channel: 'online',
        receivedAt: INSTANTS[0],
        dueDate: '2021-01-12',
      }),
      ev('r2', 'vn.cchc.tthc.dossier.received.v1', INSTANTS[2], {
        procedureCode: 'p',
        unitCode: 'u1',
        channel: 'online',
        receivedAt: INSTANTS[0],
        dueDate: '2021-01-15',
      }),
      ev('e1', 'vn.cchc.tthc.dossier.resolved.v1', INSTANTS[5], {
        resolvedAt: INSTANTS[5],
        outcome: 'approved',
      }),
      ev('e2', 'vn.cchc.tthc.dossier.withdrawn.v1', INSTANTS[4], { withdrawnAt: INSTANTS[4] }),
      ev('e3', 'vn.cchc.tthc.dossier.resolved.v1', INSTANTS[6], {
        resolvedAt: INSTANTS[6],
        outcome: 'approved',
      }),
      ev('p1', 'vn.cchc.tthc.dossier.paid.v1', INSTANTS[3], {
        paidAt: INSTANTS[3],
        channel: 'online',
        amountVnd: 1,
      }),
      ev('p2', 'vn.cchc.tthc.dossier.paid.v1', INSTANTS[1], {
        paidAt: INSTANTS[1],
        channel: 'direct',
        amountVnd: 1,
      }),
      ev('p3', 'vn.cchc.tthc.dossier.paid.v1', INSTANTS[4], {
        paidAt: INSTANTS[4],
        channel: 'online',
        amountVnd: 1,
      }),
    ];
    expect(compactDossierEvents(all).map((e) => e.id)).toEqual(['e1', 'e2', 'p1', 'r2']);
    expect(projectDossier(compactDossierEvents(all))).toEqual(projectDossier(all));
  });

  it('gives the projection of all the events (fast-check)', () => {
    fc.assert(
      fc.property(events, (all) => {
        expect(projectDossier(compactDossierEvents(all))).toEqual(projectDossier(all));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds a dossier split into batches in any order to the state and projection of the full re-fold (fast-check)', () => {
    fc.assert(
      fc.property(
        events.chain((all) =>
          fc.tuple(
            fc.constant(all),
            fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }),
            fc.array(fc.nat(all.length), { maxLength: 4 }),
          ),
        ),
        ([all, shuffled, cuts]) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), shuffled.length];
          const chunks = bounds.slice(1).map((end, i) => shuffled.slice(bounds[i], end));
          const state = foldInChunks(chunks);
          expect(state?.events).toEqual(compactDossierEvents(all));
          expect(projectDossier(state?.events ?? [])).toEqual(projectDossier(all));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe(usableFoldState.name, () => {
  it('accepts a state of this version only', () => {
    const state = nextFoldState(null, []);
    expect(usableFoldState(state)).toEqual({ v: FOLD_STATE_VERSION, events: [] });
    expect(usableFoldState({ v: FOLD_STATE_VERSION + 1, events: [] })).toBeNull();
    expect(usableFoldState({ v: FOLD_STATE_VERSION })).toBeNull();
    expect(usableFoldState(null)).toBeNull();
    expect(usableFoldState('x')).toBeNull();
  });
});
