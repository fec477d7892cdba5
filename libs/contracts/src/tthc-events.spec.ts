import { describe, expect, it } from '@jest/globals';
import {
  eventSubjectKey,
  eventTimestamp,
  eventUnitCode,
  TTHC_EVENT_TYPES,
  type TthcEventType,
  TthcEventTypes,
} from './tthc-events';
import { validateTthcEvent } from './tthc-event-validation';

const DOSSIER = '000.00.36.H17-210105-0001';
const FEEDBACK = 'PAKN-2021-0001';

// One valid `data` per type; the tests below break them one field at a time.
const GOOD_DATA: Record<TthcEventType, Record<string, unknown>> = {
  'vn.cchc.tthc.dossier.received.v1': {
    dossierCode: DOSSIER,
    procedureCode: '3.000465',
    unitCode: 'ktkd',
    channel: 'online',
    receivedAt: '2021-01-05T08:30:00+07:00',
    dueDate: '2021-01-06',
    procedureLevel: 4,
    digitized: true,
    reusedData: false,
  },
  'vn.cchc.tthc.dossier.supplement_requested.v1': {
    dossierCode: DOSSIER,
    requestedAt: '2021-01-05T10:00:00+07:00',
    reason: 'Thiếu bản sao căn cước công dân',
  },
  'vn.cchc.tthc.dossier.supplement_received.v1': {
    dossierCode: DOSSIER,
    receivedAt: '2021-01-07T09:00:00+07:00',
    dueDate: '2021-01-08',
  },
  'vn.cchc.tthc.dossier.apology_issued.v1': {
    dossierCode: DOSSIER,
    issuedAt: '2021-01-07T16:00:00+07:00',
    letterNo: '12/PXL-SGDĐT',
    reason: 'Chờ xác minh sổ gốc',
    newDueDate: '2021-01-12',
  },
  'vn.cchc.tthc.dossier.resolved.v1': {
    dossierCode: DOSSIER,
    resolvedAt: '2021-01-08T15:00:00+07:00',
    outcome: 'approved',
    eResult: true,
  },
  'vn.cchc.tthc.dossier.returned.v1': {
    dossierCode: DOSSIER,
    returnedAt: '2021-01-09T08:00:00+07:00',
    returnChannel: 'postal',
  },
  'vn.cchc.tthc.dossier.withdrawn.v1': {
    dossierCode: DOSSIER,
    withdrawnAt: '2021-01-06T08:00:00Z',
  },
  'vn.cchc.tthc.feedback.received.v1': {
    feedbackId: FEEDBACK,
    unitCode: 'vp',
    receivedAt: '2021-01-05T08:30:00+07:00',
    dueDate: '2021-01-26',
    channel: 'phone',
    dossierCode: DOSSIER,
  },
  'vn.cchc.tthc.feedback.resolved.v1': {
    feedbackId: FEEDBACK,
    resolvedAt: '2021-01-20T10:00:00+07:00',
    satisfaction: 'dissatisfied',
  },
  'vn.cchc.tthc.dossier.paid.v1': {
    dossierCode: DOSSIER,
    paidAt: '2021-01-05T09:00:00+07:00',
    channel: 'online',
    amountVnd: 50000,
  },
  'vn.cchc.tthc.dossier.rated.v1': {
    dossierCode: DOSSIER,
    ratedAt: '2021-01-10T09:00:00+07:00',
    rating: 'neutral',
  },
};

const OPTIONAL_FIELDS: Partial<Record<TthcEventType, string[]>> = {
  'vn.cchc.tthc.dossier.received.v1': ['procedureLevel', 'digitized', 'reusedData'],
  'vn.cchc.tthc.dossier.resolved.v1': ['eResult'],
  'vn.cchc.tthc.feedback.resolved.v1': ['satisfaction'],
  'vn.cchc.tthc.dossier.supplement_requested.v1': ['reason'],
  'vn.cchc.tthc.feedback.received.v1': ['dossierCode'],
};

function isOptional(type: TthcEventType, field: string): boolean {
  return OPTIONAL_FIELDS[type]?.includes(field) ?? false;
}

function envelope(
  type: string,
  data: unknown,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const d = data as Record<string, unknown> | null;
  const subject =
    typeof d?.dossierCode === 'string' && !type.includes('.feedback.') ? d.dossierCode : d?.feedbackId;
  return {
    specversion: '1.0',
    id: '9d1c5c1e-3f0a-4a51-9d4e-2c7f1b0e6a11',
    source: 'mot-cua/sgddt',
    type,
    time: '2021-01-05T08:30:00+07:00',
    subject,
    datacontenttype: 'application/json',
    data,
    ...overrides,
  };
}

function errorsOf(input: unknown): string[] {
  const result = validateTthcEvent(input);
  if (result.ok) throw new Error('expected a rejection');
  return result.errors;
}

describe(validateTthcEvent.name, () => {
  it.each(TTHC_EVENT_TYPES)('accepts a well-formed %s event', (type) => {
    const result = validateTthcEvent(envelope(type, GOOD_DATA[type]));
    expect(result).toEqual({ ok: true, event: envelope(type, GOOD_DATA[type]) });
  });

  it.each(TTHC_EVENT_TYPES)('accepts a %s event without its optional fields', (type) => {
    const data = Object.fromEntries(
      Object.entries(GOOD_DATA[type]).filter(([field]) => !isOptional(type, field)),
    );
    const input = envelope(type, data);
    delete input.datacontenttype;
    const result = validateTthcEvent(input);
    expect(result).toEqual({ ok: true, event: input });
  });

  const requiredFields = TTHC_EVENT_TYPES.flatMap((type) =>
    Object.keys(GOOD_DATA[type])
      .filter((field) => !isOptional(type, field))
      .map((field) => [type, field] as const),
  );
  it.each(requiredFields)('rejects a %s event without data.%s', (type, field) => {
    const data = { ...GOOD_DATA[type] };
    delete data[field];
    const input = envelope(type, data, { subject: type.includes('.feedback.') ? FEEDBACK : DOSSIER });
    expect(validateTthcEvent(input)).toEqual({
      ok: false,
      id: '9d1c5c1e-3f0a-4a51-9d4e-2c7f1b0e6a11',
      errors: [`data.${field}: is required`],
    });
  });

  it('names the field and the value of an impossible date', () => {
    const type = TthcEventTypes.dossierReceived;
    const input = envelope(type, { ...GOOD_DATA[type], dueDate: '2021-02-30' });
    expect(errorsOf(input)).toEqual(['data.dueDate: expected a date YYYY-MM-DD, got "2021-02-30"']);
  });

  it.each([
    '2021-13-01',
    '2021-1-5',
    '2021-02-29',
    '2100-02-29',
    '20210105',
    '2021-01-05T00:00:00+07:00',
    '',
    20210105,
  ])('rejects %p as a date', (dueDate) => {
    const type = TthcEventTypes.dossierSupplementReceived;
    const errors = errorsOf(envelope(type, { ...GOOD_DATA[type], dueDate }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^data\.dueDate: expected a date YYYY-MM-DD, got /);
  });

  it.each(['2020-02-29', '2000-02-29', '2021-12-31'])('accepts the real date %s', (newDueDate) => {
    const type = TthcEventTypes.dossierApologyIssued;
    expect(validateTthcEvent(envelope(type, { ...GOOD_DATA[type], newDueDate })).ok).toBe(true);
  });

  it.each([
    '2021-01-05T08:30:00',
    '2021-01-05 08:30:00+07:00',
    '2021-01-05T08:30:00+0700',
    '2021-01-05T24:00:00+07:00',
    '2021-01-05T08:60:00+07:00',
    '2021-02-30T08:30:00+07:00',
    '2021-01-05',
    '2021-01-05t08:30:00z',
    1609810200000,
  ])('rejects %p as a timestamp', (resolvedAt) => {
    const type = TthcEventTypes.dossierResolved;
    const errors = errorsOf(envelope(type, { ...GOOD_DATA[type], resolvedAt }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^data\.resolvedAt: expected an ISO 8601 timestamp with offset/);
  });

  it.each([
    '2021-01-05T08:30+07:00',
    '2021-01-05T01:30:00Z',
    '2021-01-05T08:30:00.123456+07:00',
    '2021-01-04T20:30:00-05:00',
  ])('accepts the timestamp %s', (resolvedAt) => {
    const type = TthcEventTypes.dossierResolved;
    expect(validateTthcEvent(envelope(type, { ...GOOD_DATA[type], resolvedAt })).ok).toBe(true);
  });

  it.each(['VP', 'phòng-1', 'a_b', '', 'x'.repeat(33), 7])('rejects the unit code %p', (unitCode) => {
    const type = TthcEventTypes.feedbackReceived;
    const errors = errorsOf(envelope(type, { ...GOOD_DATA[type], unitCode }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^data\.unitCode: expected a unit code matching \[a-z0-9-\]\{1,32\}, got /);
  });

  it('accepts a unit code of 32 characters', () => {
    const type = TthcEventTypes.dossierReceived;
    expect(
      validateTthcEvent(envelope(type, { ...GOOD_DATA[type], unitCode: 'a-1'.repeat(10) + 'zz' })).ok,
    ).toBe(true);
  });

  it.each([
    [TthcEventTypes.dossierReceived, 'channel', 'phone', 'one of "direct", "online", "postal"'],
    [TthcEventTypes.dossierReceived, 'channel', 'Online', 'one of "direct", "online", "postal"'],
    [TthcEventTypes.dossierReceived, 'procedureLevel', 1, 'one of 2, 3, 4'],
    [TthcEventTypes.dossierReceived, 'procedureLevel', '3', 'one of 2, 3, 4'],
    [TthcEventTypes.dossierReceived, 'procedureLevel', null, 'one of 2, 3, 4'],
    [TthcEventTypes.dossierResolved, 'outcome', 'approve', 'one of "approved", "rejected"'],
    [TthcEventTypes.dossierReturned, 'returnChannel', 'email', 'one of "direct", "online", "postal"'],
    [TthcEventTypes.feedbackReceived, 'channel', 'email', 'one of "direct", "online", "postal", "phone"'],
  ] as const)('rejects %s with %s %p outside the contract enum', (type, field, value, allowed) => {
    const errors = errorsOf(envelope(type, { ...GOOD_DATA[type], [field]: value }));
    expect(errors).toEqual([`data.${field}: expected ${allowed}, got ${JSON.stringify(value)}`]);
  });

  it.each([
    [TthcEventTypes.dossierReceived, 'dossierCode', ''],
    [TthcEventTypes.dossierReceived, 'procedureCode', '   '],
    [TthcEventTypes.dossierApologyIssued, 'letterNo', ''],
    [TthcEventTypes.dossierApologyIssued, 'reason', 42],
    [TthcEventTypes.dossierSupplementRequested, 'reason', ''],
    [TthcEventTypes.feedbackReceived, 'dossierCode', ''],
    [TthcEventTypes.feedbackResolved, 'feedbackId', 'x'.repeat(201)],
  ] as const)('rejects %s with an empty or oversized %s', (type, field, value) => {
    const input = envelope(
      type,
      { ...GOOD_DATA[type], [field]: value },
      { subject: type.includes('.feedback.') ? FEEDBACK : DOSSIER },
    );
    const errors = errorsOf(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^data\\.${field}: expected a non-empty string of at most \\d+ characters, got `),
    );
  });

  it('rejects an unknown event type by name', () => {
    const input = envelope('vn.cchc.tthc.dossier.foo.v1', GOOD_DATA[TthcEventTypes.dossierResolved]);
    expect(validateTthcEvent(input)).toEqual({
      ok: false,
      id: '9d1c5c1e-3f0a-4a51-9d4e-2c7f1b0e6a11',
      errors: ['type: unknown event type "vn.cchc.tthc.dossier.foo.v1"'],
    });
  });

  it('reports every broken envelope attribute at once', () => {
    const input = {
      specversion: '0.3',
      id: '',
      type: TthcEventTypes.dossierWithdrawn,
      time: '2021-01-05T08:30:00',
      subject: DOSSIER,
      datacontenttype: 'text/plain',
      data: GOOD_DATA[TthcEventTypes.dossierWithdrawn],
    };
    expect(validateTthcEvent(input)).toEqual({
      ok: false,
      id: null,
      errors: [
        'specversion: expected "1.0", got "0.3"',
        'id: expected a non-empty string of at most 200 characters, got ""',
        'source: is required',
        'time: expected an ISO 8601 timestamp with offset, e.g. "2021-01-05T08:30:00+07:00", got "2021-01-05T08:30:00"',
        'datacontenttype: expected "application/json", got "text/plain"',
      ],
    });
  });

  it('reports envelope and data errors together', () => {
    const type = TthcEventTypes.dossierResolved;
    const input = envelope(type, { ...GOOD_DATA[type], outcome: 'maybe' }, { time: 'yesterday' });
    expect(errorsOf(input)).toEqual([
      'time: expected an ISO 8601 timestamp with offset, e.g. "2021-01-05T08:30:00+07:00", got "yesterday"',
      'data.outcome: expected one of "approved", "rejected", got "maybe"',
    ]);
  });

  it('rejects an id longer than 200 characters and does not echo it back as the id', () => {
    const type = TthcEventTypes.dossierWithdrawn;
    const result = validateTthcEvent(envelope(type, GOOD_DATA[type], { id: 'x'.repeat(201) }));
    expect(result).toEqual({
      ok: false,
      id: null,
      errors: [
        expect.stringMatching(/^id: expected a non-empty string of at most 200 characters, got "x{80}…"$/),
      ],
    });
  });

  it('accepts an id of exactly 200 characters', () => {
    const type = TthcEventTypes.dossierWithdrawn;
    expect(validateTthcEvent(envelope(type, GOOD_DATA[type], { id: 'x'.repeat(200) })).ok).toBe(true);
  });

  it('rejects an event whose subject is not the dossier code of its data', () => {
    const type = TthcEventTypes.dossierResolved;
    expect(errorsOf(envelope(type, GOOD_DATA[type], { subject: 'another-dossier' }))).toEqual([
      `subject: expected data.dossierCode "${DOSSIER}", got "another-dossier"`,
    ]);
  });

  it('rejects a feedback event whose subject is not its feedback id', () => {
    const type = TthcEventTypes.feedbackReceived;
    expect(errorsOf(envelope(type, GOOD_DATA[type], { subject: DOSSIER }))).toEqual([
      `subject: expected data.feedbackId "${FEEDBACK}", got "${DOSSIER}"`,
    ]);
  });

  it('rejects data that is not an object', () => {
    const type = TthcEventTypes.dossierWithdrawn;
    expect(errorsOf(envelope(type, [GOOD_DATA[type]], { subject: DOSSIER }))).toEqual([
      'data: expected an object, got an array',
    ]);
    expect(errorsOf(envelope(type, undefined, { subject: DOSSIER }))).toEqual(['data: is required']);
  });

  it('keeps CloudEvents extension attributes and unknown data fields out of the validated event', () => {
    const type = TthcEventTypes.dossierWithdrawn;
    const input = envelope(
      type,
      { ...GOOD_DATA[type], extra: { deep: [1, 2, 3] } },
      { traceparent: '00-abc-def-01' },
    );
    const result = validateTthcEvent(input);
    expect(result).toEqual({ ok: true, event: envelope(type, GOOD_DATA[type]) });
  });

  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [[], 'an array'],
    ['{"specversion":"1.0"}', '"{\\"specversion\\":\\"1.0\\"}"'],
    [42, '42'],
    [true, 'true'],
  ])('rejects the non-object input %p without throwing', (input, shown) => {
    expect(validateTthcEvent(input)).toEqual({
      ok: false,
      id: null,
      errors: [`event: expected an object, got ${shown}`],
    });
  });

  it('rejects an empty object field by field', () => {
    expect(errorsOf({})).toEqual([
      'specversion: is required',
      'id: is required',
      'source: is required',
      'type: is required',
      'time: is required',
      'subject: is required',
    ]);
  });

  it('survives inputs that throw when read', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const result = validateTthcEvent(hostile);
    expect(result.ok).toBe(false);
    const withGetter = Object.defineProperty(
      { ...envelope(TthcEventTypes.dossierWithdrawn, GOOD_DATA[TthcEventTypes.dossierWithdrawn]) },
      'data',
      {
        enumerable: true,
        get() {
          throw new Error('no data for you');
        },
      },
    );
    expect(validateTthcEvent(withGetter)).toEqual({
      ok: false,
      id: '9d1c5c1e-3f0a-4a51-9d4e-2c7f1b0e6a11',
      errors: [expect.stringContaining('event: could not be read')],
    });
  });

  it('keeps errors short for huge inputs', () => {
    const type = TthcEventTypes.dossierReceived;
    const huge = 'x'.repeat(5_000_000);
    const manyKeys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const input = envelope(
      type,
      { ...GOOD_DATA[type], ...manyKeys, dueDate: huge },
      { subject: DOSSIER, source: huge },
    );
    const errors = errorsOf(input);
    expect(errors).toHaveLength(2);
    expect(errors.join('\n').length).toBeLessThan(500);
  });

  it('never throws on odd values anywhere', () => {
    const odd: unknown[] = [
      null,
      undefined,
      0,
      -1,
      NaN,
      Infinity,
      '',
      ' ',
      [],
      {},
      [1],
      { a: 1 },
      true,
      10n,
      Symbol('s'),
      () => 1,
    ];
    const type = TthcEventTypes.dossierReceived;
    for (const value of odd) {
      expect(() => validateTthcEvent(value)).not.toThrow();
      for (const field of ['specversion', 'id', 'type', 'time', 'subject', 'data']) {
        expect(validateTthcEvent(envelope(type, GOOD_DATA[type], { [field]: value })).ok).toBe(false);
      }
      for (const field of Object.keys(GOOD_DATA[type])) {
        if (value === undefined && isOptional(type, field)) continue;
        // A boolean is a valid value of the boolean fields (digitized, reusedData).
        if (typeof value === 'boolean' && typeof GOOD_DATA[type][field] === 'boolean') continue;
        const result = validateTthcEvent(
          envelope(type, { ...GOOD_DATA[type], [field]: value }, { subject: DOSSIER }),
        );
        expect(result.ok).toBe(false);
      }
    }
  });
});

describe(eventUnitCode.name, () => {
  it('returns the unit of the events that carry one and null for the others', () => {
    const units = TTHC_EVENT_TYPES.map((type) => {
      const result = validateTthcEvent(envelope(type, GOOD_DATA[type]));
      if (!result.ok) throw new Error(result.errors.join('; '));
      return [type, eventUnitCode(result.event)];
    });
    expect(Object.fromEntries(units)).toEqual({
      'vn.cchc.tthc.dossier.received.v1': 'ktkd',
      'vn.cchc.tthc.dossier.supplement_requested.v1': null,
      'vn.cchc.tthc.dossier.supplement_received.v1': null,
      'vn.cchc.tthc.dossier.apology_issued.v1': null,
      'vn.cchc.tthc.dossier.resolved.v1': null,
      'vn.cchc.tthc.dossier.returned.v1': null,
      'vn.cchc.tthc.dossier.withdrawn.v1': null,
      'vn.cchc.tthc.feedback.received.v1': 'vp',
      'vn.cchc.tthc.feedback.resolved.v1': null,
      'vn.cchc.tthc.dossier.paid.v1': null,
      'vn.cchc.tthc.dossier.rated.v1': null,
    });
  });
});

describe(eventSubjectKey.name, () => {
  it('returns the dossier code of dossier events and the feedback id of feedback events', () => {
    for (const type of TTHC_EVENT_TYPES) {
      const result = validateTthcEvent(envelope(type, GOOD_DATA[type]));
      if (!result.ok) throw new Error(result.errors.join('; '));
      // feedback.received also carries a dossierCode: the feedback id still identifies it.
      expect(eventSubjectKey(result.event)).toBe(type.includes('.feedback.') ? FEEDBACK : DOSSIER);
    }
  });
});

describe(eventTimestamp.name, () => {
  it('returns the data timestamp that dates each event type', () => {
    const stamps = TTHC_EVENT_TYPES.map((type) => {
      const result = validateTthcEvent(envelope(type, GOOD_DATA[type]));
      if (!result.ok) throw new Error(result.errors.join('; '));
      return [type, eventTimestamp(result.event)];
    });
    expect(Object.fromEntries(stamps)).toEqual({
      'vn.cchc.tthc.dossier.received.v1': '2021-01-05T08:30:00+07:00',
      'vn.cchc.tthc.dossier.supplement_requested.v1': '2021-01-05T10:00:00+07:00',
      'vn.cchc.tthc.dossier.supplement_received.v1': '2021-01-07T09:00:00+07:00',
      'vn.cchc.tthc.dossier.apology_issued.v1': '2021-01-07T16:00:00+07:00',
      'vn.cchc.tthc.dossier.resolved.v1': '2021-01-08T15:00:00+07:00',
      'vn.cchc.tthc.dossier.returned.v1': '2021-01-09T08:00:00+07:00',
      'vn.cchc.tthc.dossier.withdrawn.v1': '2021-01-06T08:00:00Z',
      'vn.cchc.tthc.feedback.received.v1': '2021-01-05T08:30:00+07:00',
      'vn.cchc.tthc.feedback.resolved.v1': '2021-01-20T10:00:00+07:00',
      'vn.cchc.tthc.dossier.paid.v1': '2021-01-05T09:00:00+07:00',
      'vn.cchc.tthc.dossier.rated.v1': '2021-01-10T09:00:00+07:00',
    });
  });
});
