import { describe, expect, it } from '@jest/globals';
import { decodeEventBytes, MAX_EVENT_DEPTH, screenEvent } from './event-screening';

describe(screenEvent.name, () => {
  it('names a NUL character, a lone surrogate and an unsafe integer by their field', () => {
    expect(
      screenEvent({ data: { dossierCode: 'A\u0000B', reason: '\ud800', amountVnd: 2 ** 60 } }).sort(),
    ).toEqual([
      'data.amountVnd: integer beyond 2^53 cannot be carried exactly',
      'data.dossierCode: contains a NUL character',
      'data.reason: is not valid Unicode text (a lone surrogate)',
    ]);
  });

  it('refuses nesting past the limit without recursion, even 200,000 levels deep', () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(screenEvent(deep)[0]).toMatch(new RegExp(`nested deeper than ${MAX_EVENT_DEPTH} levels`));
  });

  it('accepts ordinary Vietnamese text and surrogate pairs', () => {
    expect(screenEvent({ data: { reason: 'Cần bổ sung hồ sơ 📄' } })).toEqual([]);
  });
});

describe(decodeEventBytes.name, () => {
  it('refuses invalid UTF-8 instead of storing replacement characters', () => {
    const r = decodeEventBytes(Uint8Array.from([0x7b, 0xff, 0x7d]));
    expect(r).toMatchObject({ ok: false, errors: ['body: not valid UTF-8'] });
  });
});
