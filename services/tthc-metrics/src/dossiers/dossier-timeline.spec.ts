import { describe, expect, it } from '@jest/globals';
import {
  lastWorkingDayBefore,
  multirangeLiteral,
  stamp,
  supplementTimeline,
  type WorkingDays,
} from './dossier-timeline';

const weekdays: WorkingDays = {
  covers: () => true,
  isWorkingDay: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
};
const req = (id: string, at: string) => stamp(id, at);
const rec = (id: string, at: string, dueDate: string) => ({ ...stamp(id, at), dueDate });

describe(supplementTimeline.name, () => {
  it('awaits from the request to the receipt and moves the due date on the receipt day', () => {
    const t = supplementTimeline(
      '2021-03-15',
      [req('r1', '2021-03-10T10:00:00+07:00')],
      [rec('s1', '2021-04-05T09:00:00+07:00', '2021-04-20')],
    );
    expect(t).toEqual({
      dueChanges: [{ date: '2021-04-05', dueDate: '2021-04-20' }],
      lateBySupplementFrom: null,
      awaitingRanges: [{ start: '2021-03-10', end: '2021-04-05' }],
    });
    expect(multirangeLiteral(t.awaitingRanges)).toBe('{[2021-03-10,2021-04-05)}');
  });

  it('keeps awaiting open-ended without a receipt, and a same-day receipt leaves no range', () => {
    expect(
      supplementTimeline('2021-03-15', [req('r1', '2021-03-10T10:00:00+07:00')], []).awaitingRanges,
    ).toEqual([{ start: '2021-03-10', end: null }]);
    const sameDay = supplementTimeline(
      '2021-03-15',
      [req('r1', '2021-03-10T10:00:00+07:00')],
      [rec('s1', '2021-03-10T15:00:00+07:00', '2021-03-20')],
    );
    expect(sameDay.awaitingRanges).toEqual([]);
    expect(multirangeLiteral(sameDay.awaitingRanges)).toBe('{}');
  });

  it('is late from the second request, or from a request after the due date in force at it', () => {
    const second = supplementTimeline(
      '2021-02-25',
      [req('r2', '2021-02-05T09:00:00+07:00'), req('r1', '2021-02-03T09:00:00+07:00')],
      [],
    );
    expect(second.lateBySupplementFrom).toBe('2021-02-05');
    // The first request governs 3/2–4/2, the second from 5/2 on.
    expect(second.awaitingRanges).toEqual([
      { start: '2021-02-03', end: '2021-02-05' },
      { start: '2021-02-05', end: null },
    ]);
    const lateRequest = supplementTimeline('2021-02-10', [req('r1', '2021-02-11T09:00:00+07:00')], []);
    expect(lateRequest.lateBySupplementFrom).toBe('2021-02-11');
    const onDueDate = supplementTimeline('2021-02-10', [req('r1', '2021-02-10T16:00:00+07:00')], []);
    expect(onDueDate.lateBySupplementFrom).toBeNull();
  });
});

describe(lastWorkingDayBefore.name, () => {
  it('steps back over the weekend and over holidays', () => {
    expect(lastWorkingDayBefore(weekdays, '2021-03-15')).toBe('2021-03-12');
    expect(lastWorkingDayBefore(weekdays, '2021-03-16')).toBe('2021-03-15');
    const holiday: WorkingDays = {
      ...weekdays,
      isWorkingDay: (d) => d !== '2021-03-12' && weekdays.isWorkingDay(d),
    };
    expect(lastWorkingDayBefore(holiday, '2021-03-15')).toBe('2021-03-11');
  });
});
