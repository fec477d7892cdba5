import { describe, expect, it } from '@jest/globals';
import type { DossierReceivedData, FeedbackReceivedData } from '@cchc/contracts';
import { projectDossier } from './dossier-projection';
import { projectFeedback } from './feedback-projection';
import type { StoredDossierEvent, StoredFeedbackEvent } from './stored-events';

const CODE = '000.00.36.H17-210105-0001';

// Builders for stored events; `time` is the envelope time, which only orders corrections.
function received(id: string, time: string, data: Partial<DossierReceivedData> = {}): StoredDossierEvent {
  return {
    id,
    type: 'vn.cchc.tthc.dossier.received.v1',
    time,
    data: {
      dossierCode: CODE,
      procedureCode: '3.000465',
      unitCode: 'ktkd',
      channel: 'direct',
      receivedAt: '2021-01-05T08:30:00+07:00',
      dueDate: '2021-01-12',
      ...data,
    },
  };
}

function supplementRequested(id: string, requestedAt: string): StoredDossierEvent {
  return {
    id,
    type: 'vn.cchc.tthc.dossier.supplement_requested.v1',
    time: requestedAt,
    data: { dossierCode: CODE, requestedAt },
  };
}

function supplementReceived(
  id: string,
  receivedAt: string,
  dueDate: string,
  time = receivedAt,
): StoredDossierEvent {
  return {
    id,
    type: 'vn.cchc.tthc.dossier.supplement_received.v1',
    time,
    data: { dossierCode: CODE, receivedAt, dueDate },
  };
}

function apology(id: string, issuedAt: string, newDueDate: string): StoredDossierEvent {
  return {
    id,
    type: 'vn.cchc.tthc.dossier.apology_issued.v1',
    time: issuedAt,
    data: { dossierCode: CODE, issuedAt, letterNo: `${id}/PXL-SGDĐT`, reason: 'Chờ xác minh', newDueDate },
  };
}

function resolved(
  id: string,
  resolvedAt: string,
  outcome: 'approved' | 'rejected' = 'approved',
): StoredDossierEvent {
  return {
    id,
    type: 'vn.cchc.tthc.dossier.resolved.v1',
    time: resolvedAt,
    data: { dossierCode: CODE, resolvedAt, outcome },
  };
}

function withdrawn(id: string, withdrawnAt: string): StoredDossierEvent {
  return {
    id,
    type: 'vn.cchc.tthc.dossier.withdrawn.v1',
    time: withdrawnAt,
    data: { dossierCode: CODE, withdrawnAt },
  };
}

function returned(
  id: string,
  returnedAt: string,
  returnChannel: 'direct' | 'online' | 'postal',
): StoredDossierEvent {
  return {
    id,
    type: 'vn.cchc.tthc.dossier.returned.v1',
    time: returnedAt,
    data: { dossierCode: CODE, returnedAt, returnChannel },
  };
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

// Deterministic shuffles (mulberry32), so that a failure can be replayed.
function shuffler(seed: number): <T>(items: readonly T[]) => T[] {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (items) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
}

describe(projectDossier.name, () => {
  it('returns null until the dossier.received has arrived', () => {
    expect(projectDossier([])).toBeNull();
    expect(
      projectDossier([
        resolved('r1', '2021-01-08T10:00:00+07:00'),
        apology('a1', '2021-01-07T10:00:00+07:00', '2021-01-15'),
      ]),
    ).toBeNull();
  });

  it('applies the events that arrived before the dossier.received once it arrives', () => {
    const early = [
      resolved('r1', '2021-01-08T10:00:00+07:00'),
      returned('t1', '2021-01-09T09:00:00+07:00', 'postal'),
    ];
    const projection = projectDossier([...early, received('d1', '2021-01-05T08:30:00+07:00')]);
    expect(projection).toMatchObject({
      resolvedDate: '2021-01-08',
      outcome: 'approved',
      postalReturnDates: ['2021-01-09'],
    });
  });

  it('projects a plain dossier from its dossier.received', () => {
    expect(
      projectDossier([received('d1', '2021-01-05T08:30:00+07:00', { procedureLevel: 4, channel: 'online' })]),
    ).toEqual({
      dossierCode: CODE,
      procedureCode: '3.000465',
      unitCode: 'ktkd',
      channel: 'online',
      procedureLevel: 4,
      receivedEventId: 'd1',
      receivedAt: '2021-01-05T08:30:00+07:00',
      receivedDate: '2021-01-05',
      dueDate: '2021-01-12',
      originalDueDate: '2021-01-12',
      timeline: { dueChanges: [], lateBySupplementFrom: null, awaitingRanges: [] },
      dueDateAtEnd: null,
      firstApologyDate: null,
      firstApologyInTime: false,
      digitized: false,
      reusedData: false,
      eResult: false,
      firstOnlinePaymentDate: null,
      firstDissatisfiedDate: null,
      clockStarts: [{ at: '2021-01-05T08:30:00+07:00', dueDate: '2021-01-12' }],
      rescheduledDueDate: null,
      endedAt: null,
      resolvedDate: null,
      withdrawnDate: null,
      outcome: null,
      hasApology: false,
      apologyCount: 0,
      supplementRequestCount: 0,
      postalReturnDates: [],
      anomalies: [],
    });
  });

  it('dates the receipt in Asia/Ho_Chi_Minh, not in UTC', () => {
    const projection = projectDossier([
      received('d1', '2021-03-31T20:00:00Z', { receivedAt: '2021-03-31T20:00:00Z' }),
    ]);
    expect(projection?.receivedDate).toBe('2021-04-01');
  });

  it('dates the end in Asia/Ho_Chi_Minh, not in UTC', () => {
    const projection = projectDossier([
      received('d1', '2021-01-05T08:30:00+07:00'),
      resolved('r1', '2021-01-11T17:30:00Z'),
    ]);
    expect(projection?.resolvedDate).toBe('2021-01-12');
  });

  describe('latest-received correction rule', () => {
    it('counts the dossier.received with the latest envelope time', () => {
      const original = received('d-b', '2021-01-05T08:30:00+07:00', {
        channel: 'direct',
        dueDate: '2021-01-12',
      });
      const correction = received('d-a', '2021-01-05T11:00:00+07:00', {
        channel: 'postal',
        unitCode: 'gdtrh',
        dueDate: '2021-01-19',
      });
      expect(projectDossier([correction, original])).toMatchObject({
        receivedEventId: 'd-a',
        channel: 'postal',
        unitCode: 'gdtrh',
        dueDate: '2021-01-19',
      });
    });

    it('compares envelope times as instants, whatever their offsets', () => {
      // 03:30Z is 10:30 in Hà Nội: later than 09:00+07:00 although it reads earlier.
      const a = received('d-a', '2021-01-05T09:00:00+07:00', { channel: 'direct' });
      const b = received('d-b', '2021-01-05T03:30:00Z', { channel: 'online' });
      expect(projectDossier([a, b])?.channel).toBe('online');
      expect(projectDossier([b, a])?.channel).toBe('online');
    });

    it('ignores the data timestamps when choosing the correction', () => {
      const original = received('d-1', '2021-01-05T08:30:00+07:00', {
        receivedAt: '2021-01-06T08:00:00+07:00',
      });
      const correction = received('d-2', '2021-01-05T09:30:00+07:00', {
        receivedAt: '2021-01-05T08:00:00+07:00',
      });
      expect(projectDossier([original, correction])?.receivedDate).toBe('2021-01-05');
    });

    it('breaks a tie of envelope times by the greatest id', () => {
      const a = received('d-a', '2021-01-05T08:30:00+07:00', { channel: 'direct' });
      const b = received('d-b', '2021-01-05T01:30:00Z', { channel: 'online' });
      expect(projectDossier([a, b])?.receivedEventId).toBe('d-b');
      expect(projectDossier([b, a])?.receivedEventId).toBe('d-b');
    });
  });

  describe('supplement rule', () => {
    it('replaces the due date by the one of the supplement_received with the latest receivedAt', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00', { dueDate: '2021-01-12' }),
        supplementRequested('s1', '2021-01-06T08:00:00+07:00'),
        // The later supplement was sent first (earlier envelope time): receivedAt decides, not `time`.
        supplementReceived('s3', '2021-01-15T08:00:00+07:00', '2021-01-22', '2021-01-10T00:00:00+07:00'),
        supplementReceived('s2', '2021-01-08T08:00:00+07:00', '2021-01-15', '2021-01-20T00:00:00+07:00'),
      ];
      expect(projectDossier(events)?.dueDate).toBe('2021-01-22');
    });

    it('keeps the due date of the dossier.received when no supplement was received', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00', { dueDate: '2021-01-12' }),
        supplementRequested('s1', '2021-01-06T08:00:00+07:00'),
      ];
      expect(projectDossier(events)).toMatchObject({
        dueDate: '2021-01-12',
        supplementRequestCount: 1,
        anomalies: [],
      });
    });

    it('breaks a tie of supplement receivedAt by the greatest id', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00'),
        supplementReceived('s-b', '2021-01-08T08:00:00+07:00', '2021-01-15'),
        supplementReceived('s-a', '2021-01-08T01:00:00Z', '2021-01-18'),
      ];
      expect(projectDossier(events)?.dueDate).toBe('2021-01-15');
    });
  });

  describe('apologies', () => {
    it('never lets an apology newDueDate replace the due date', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00', { dueDate: '2021-01-12' }),
        apology('a1', '2021-01-11T09:00:00+07:00', '2021-01-20'),
        resolved('r1', '2021-01-19T10:00:00+07:00'),
      ];
      // Resolved after the original due date: the dossier stays late for the KPIs.
      expect(projectDossier(events)).toMatchObject({
        dueDate: '2021-01-12',
        rescheduledDueDate: '2021-01-20',
        resolvedDate: '2021-01-19',
        hasApology: true,
        apologyCount: 1,
        anomalies: [],
      });
    });

    it('counts an apology whenever it was issued, even after the resolution', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00', { dueDate: '2021-01-12' }),
        resolved('r1', '2021-01-14T10:00:00+07:00'),
        apology('a1', '2021-01-15T09:00:00+07:00', '2021-01-14'),
      ];
      expect(projectDossier(events)).toMatchObject({
        hasApology: true,
        apologyCount: 1,
        anomalies: ['apology-after-due-date'],
      });
    });

    it('flags a second reschedule (Decree 61/2018 Art. 19.9) and reports the latest new date', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00', { dueDate: '2021-01-12' }),
        apology('a2', '2021-01-18T09:00:00+07:00', '2021-01-25'),
        apology('a1', '2021-01-11T09:00:00+07:00', '2021-01-18'),
      ];
      expect(projectDossier(events)).toMatchObject({
        dueDate: '2021-01-12',
        rescheduledDueDate: '2021-01-25',
        apologyCount: 2,
        anomalies: ['apology-repeated', 'apology-after-due-date'],
      });
    });

    it('does not flag an apology issued on the due date itself as after it', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00', { dueDate: '2021-01-12' }),
        apology('a1', '2021-01-12T16:59:00+07:00', '2021-01-15'),
      ];
      expect(projectDossier(events)?.anomalies).toEqual([]);
    });
  });

  describe('end of processing', () => {
    it('ends at the earliest resolution or withdrawal and keeps the later ones as an anomaly', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00'),
        resolved('r1', '2021-01-10T10:00:00+07:00', 'rejected'),
        withdrawn('w1', '2021-01-08T10:00:00+07:00'),
      ];
      expect(projectDossier(events)).toMatchObject({
        endedAt: '2021-01-08T10:00:00+07:00',
        withdrawnDate: '2021-01-08',
        resolvedDate: null,
        outcome: null,
        anomalies: ['end-repeated'],
      });
    });

    it('takes the earliest of several resolutions, compared as instants', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00'),
        resolved('r-late', '2021-01-09T09:00:00+07:00', 'approved'),
        resolved('r-early', '2021-01-08T20:00:00Z', 'rejected'), // 2021-01-09 03:00 in Hà Nội
      ];
      expect(projectDossier(events)).toMatchObject({
        resolvedDate: '2021-01-09',
        outcome: 'rejected',
        endedAt: '2021-01-08T20:00:00Z',
      });
    });

    it('lets a resolution win an exact tie with a withdrawal', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00'),
        withdrawn('a-w', '2021-01-08T10:00:00+07:00'),
        resolved('z-r', '2021-01-08T03:00:00Z'),
      ];
      expect(projectDossier(events)).toMatchObject({
        resolvedDate: '2021-01-08',
        withdrawnDate: null,
        outcome: 'approved',
      });
    });

    it('breaks a tie of two resolutions by the smallest id', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00'),
        resolved('r-b', '2021-01-08T10:00:00+07:00', 'rejected'),
        resolved('r-a', '2021-01-08T10:00:00+07:00', 'approved'),
      ];
      expect(projectDossier(events)?.outcome).toBe('approved');
    });

    it('flags a resolution dated before the receipt', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00'),
        resolved('r1', '2021-01-05T08:00:00+07:00'),
      ];
      expect(projectDossier(events)).toMatchObject({
        resolvedDate: '2021-01-05',
        anomalies: ['end-before-receipt'],
      });
    });

    it('flags a withdrawal dated before the receipt', () => {
      const events = [
        received('d1', '2021-01-05T08:30:00+07:00'),
        withdrawn('w1', '2021-01-04T17:00:00+07:00'),
      ];
      expect(projectDossier(events)).toMatchObject({
        withdrawnDate: '2021-01-04',
        anomalies: ['end-before-receipt'],
      });
    });
  });

  it('flags a second supplement request (late under QĐ 766)', () => {
    const events = [
      received('d1', '2021-01-05T08:30:00+07:00'),
      supplementRequested('s1', '2021-01-06T08:00:00+07:00'),
      supplementRequested('s2', '2021-01-08T08:00:00+07:00'),
    ];
    expect(projectDossier(events)).toMatchObject({
      supplementRequestCount: 2,
      anomalies: ['supplement-requested-repeatedly'],
    });
  });

  it('lists the local dates of postal returns only, sorted and distinct', () => {
    const events = [
      received('d1', '2021-01-05T08:30:00+07:00'),
      returned('t1', '2021-01-12T09:00:00+07:00', 'postal'),
      returned('t2', '2021-01-09T18:00:00Z', 'postal'), // 2021-01-10 01:00 in Hà Nội
      returned('t3', '2021-01-12T15:00:00+07:00', 'postal'),
      returned('t4', '2021-01-11T09:00:00+07:00', 'direct'),
    ];
    expect(projectDossier(events)?.postalReturnDates).toEqual(['2021-01-10', '2021-01-12']);
  });

  describe('duplicates', () => {
    it('counts an event id once however often it is stored', () => {
      const a = apology('a1', '2021-01-11T09:00:00+07:00', '2021-01-18');
      const s = supplementRequested('s1', '2021-01-06T08:00:00+07:00');
      const events = [received('d1', '2021-01-05T08:30:00+07:00'), a, { ...a }, a, s, { ...s }];
      expect(projectDossier(events)).toMatchObject({
        apologyCount: 1,
        supplementRequestCount: 1,
        anomalies: [],
      });
    });

    it('does not count a repeated dossier.resolved as a second end', () => {
      const r = resolved('r1', '2021-01-08T10:00:00+07:00');
      const events = [received('d1', '2021-01-05T08:30:00+07:00'), r, { ...r }];
      expect(projectDossier(events)?.anomalies).toEqual([]);
    });

    it('keeps the same copy of a conflicting duplicate id whatever the order', () => {
      const first = received('d1', '2021-01-05T08:30:00+07:00', { channel: 'direct' });
      const second = received('d1', '2021-01-05T08:30:00+07:00', { channel: 'online' });
      expect(projectDossier([first, second])).toEqual(projectDossier([second, first]));
    });
  });

  describe('order independence', () => {
    const busyDossier: StoredDossierEvent[] = [
      received('d-1', '2021-01-05T08:30:00+07:00', { dueDate: '2021-01-12' }),
      received('d-2', '2021-01-05T10:00:00+07:00', { dueDate: '2021-01-13', channel: 'postal' }),
      supplementRequested('s-1', '2021-01-06T08:00:00+07:00'),
      supplementReceived('s-2', '2021-01-08T08:00:00+07:00', '2021-01-15'),
      apology('a-1', '2021-01-14T09:00:00+07:00', '2021-01-20'),
      resolved('r-1', '2021-01-19T10:00:00+07:00'),
      withdrawn('w-1', '2021-01-19T03:00:00Z'),
    ];

    it('gives the same projection for every permutation of the events of a dossier', () => {
      const expected = projectDossier(busyDossier);
      expect(expected).toMatchObject({
        receivedEventId: 'd-2',
        dueDate: '2021-01-15',
        resolvedDate: '2021-01-19',
        anomalies: ['end-repeated'],
      });
      const all = permutations(busyDossier);
      expect(all).toHaveLength(5040);
      for (const order of all) {
        expect(projectDossier(order)).toEqual(expected);
      }
    });

    it('gives the same projection for random shuffles with duplicates', () => {
      const shuffle = shuffler(20210105);
      const events: StoredDossierEvent[] = [
        ...busyDossier,
        received('d-3', '2021-01-05T03:00:00Z', { channel: 'online' }), // ties d-2: greatest id wins
        supplementRequested('s-3', '2021-01-09T08:00:00+07:00'),
        supplementReceived('s-4', '2021-01-10T08:00:00+07:00', '2021-01-18', '2021-01-01T00:00:00+07:00'),
        apology('a-2', '2021-01-19T09:00:00+07:00', '2021-01-22'),
        resolved('r-0', '2021-01-18T23:59:00+07:00', 'rejected'),
        returned('t-1', '2021-01-20T09:00:00+07:00', 'postal'),
        returned('t-2', '2021-01-20T10:00:00+07:00', 'direct'),
      ];
      const expected = projectDossier(events);
      expect(expected).toMatchObject({
        receivedEventId: 'd-3',
        channel: 'online',
        dueDate: '2021-01-18',
        resolvedDate: '2021-01-18',
        outcome: 'rejected',
        apologyCount: 2,
        postalReturnDates: ['2021-01-20'],
        anomalies: [
          'apology-repeated',
          'apology-after-due-date',
          'supplement-requested-repeatedly',
          'end-repeated',
        ],
      });
      for (let i = 0; i < 500; i++) {
        const withCopies = [...events, ...shuffle(events).slice(0, i % events.length)];
        expect(projectDossier(shuffle(withCopies))).toEqual(expected);
      }
    });
  });
});

function feedbackReceived(
  id: string,
  time: string,
  data: Partial<FeedbackReceivedData> = {},
): StoredFeedbackEvent {
  return {
    id,
    type: 'vn.cchc.tthc.feedback.received.v1',
    time,
    data: {
      feedbackId: 'PAKN-1',
      unitCode: 'vp',
      receivedAt: '2021-01-05T08:30:00+07:00',
      dueDate: '2021-01-26',
      channel: 'phone',
      ...data,
    },
  };
}

function feedbackResolved(id: string, resolvedAt: string): StoredFeedbackEvent {
  return {
    id,
    type: 'vn.cchc.tthc.feedback.resolved.v1',
    time: resolvedAt,
    data: { feedbackId: 'PAKN-1', resolvedAt },
  };
}

describe(projectFeedback.name, () => {
  it('returns null until the feedback.received has arrived', () => {
    expect(projectFeedback([feedbackResolved('r1', '2021-01-10T10:00:00+07:00')])).toBeNull();
  });

  it('projects an open feedback without a linked dossier', () => {
    expect(projectFeedback([feedbackReceived('f1', '2021-01-05T08:30:00+07:00')])).toEqual({
      feedbackId: 'PAKN-1',
      unitCode: 'vp',
      satisfaction: null,
      channel: 'phone',
      receivedAt: '2021-01-05T08:30:00+07:00',
      receivedDate: '2021-01-05',
      dueDate: '2021-01-26',
      resolvedAt: null,
      resolvedDate: null,
      dossierCode: null,
    });
  });

  it('resolves at the earliest feedback.resolved, dated in Asia/Ho_Chi_Minh', () => {
    const events = [
      feedbackReceived('f1', '2021-01-05T08:30:00+07:00', { dossierCode: CODE }),
      feedbackResolved('r2', '2021-01-20T10:00:00+07:00'),
      feedbackResolved('r1', '2021-01-14T18:00:00Z'),
    ];
    expect(projectFeedback(events)).toMatchObject({
      resolvedAt: '2021-01-14T18:00:00Z',
      resolvedDate: '2021-01-15',
      dossierCode: CODE,
    });
  });

  it('counts the feedback.received with the latest envelope time', () => {
    const events = [
      feedbackReceived('f2', '2021-01-05T09:00:00+07:00', { unitCode: 'gdtrh', dueDate: '2021-01-28' }),
      feedbackReceived('f1', '2021-01-05T08:30:00+07:00'),
    ];
    expect(projectFeedback(events)).toMatchObject({ unitCode: 'gdtrh', dueDate: '2021-01-28' });
  });

  it('gives the same projection for every permutation, duplicates included', () => {
    const events = [
      feedbackReceived('f1', '2021-01-05T08:30:00+07:00'),
      feedbackReceived('f2', '2021-01-05T01:30:00Z', { channel: 'online' }),
      feedbackResolved('r1', '2021-01-20T10:00:00+07:00'),
      feedbackResolved('r2', '2021-01-19T10:00:00+07:00'),
      feedbackResolved('r2', '2021-01-19T10:00:00+07:00'),
    ];
    const expected = projectFeedback(events);
    expect(expected).toMatchObject({ channel: 'online', resolvedDate: '2021-01-19' });
    for (const order of permutations(events)) {
      expect(projectFeedback(order)).toEqual(expected);
    }
  });
});
