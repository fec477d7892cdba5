// A deterministic, realistic stream of one-stop TTHC events (architecture.md §4) for a simulated
// period: what the counters of a provincial Department of Education would send over a quarter.
// Same options and seed => the same events, byte for byte, so acceptance tests can replay it.
import { addCalendarDays, defaultCalendar } from '@cchc/calendar';
import { TthcEventTypes, type TthcEventType } from '@cchc/contracts';
import { CLOSE, compareMoments, type Moment, OPEN, stamp, stampUtc } from './moments';
import { Random } from './random';
import { loadSeedCatalog, type ProcedureSeed, type UnitSeed } from './seed-catalog';

/** The one thing the generator needs from the working-day calendar (`@cchc/calendar`). */
export interface WorkingDayCalendar {
  /** The date `n` working days after `date` (both YYYY-MM-DD). */
  addWorkingDays(date: string, n: number): string;
}

export type DossierChannel = 'online' | 'direct' | 'postal';

export interface GenerateOptions {
  /** First and last simulated day (YYYY-MM-DD, inclusive). No event is dated after `to`. */
  from: string;
  to: string;
  seed: number;
  /** Dossiers received in the period. */
  dossiers: number;
  /** Share of dossiers resolved (or still open) after their due date. Default 0.1. */
  lateShare?: number;
  /** Share of late dossiers that get an apology letter (Mẫu 04). Default 0.6. */
  apologyShare?: number;
  /** Wished channel mix; postal falls back to direct where the procedure does not allow it, online to
   * direct for procedures below level 3. Default online 0.4, direct 0.5, postal 0.1. */
  channelShares?: Record<DossierChannel, number>;
  /** Share of dossiers asked for a supplement (Mẫu 02). Default 0.08. */
  supplementShare?: number;
  /** Share of dossiers withdrawn by the applicant. Default 0.02. */
  withdrawShare?: number;
  /** Share of resolved dossiers whose result is handed back (dossier.returned). Default 0.9. */
  returnShare?: number;
  /** Share of dossiers whose dossier.received is corrected by a second one. Default 0.01. */
  correctionShare?: number;
  /** Share of ended dossiers that get a second, later end event (kept, changes no count). Default 0.005. */
  secondEndShare?: number;
  /** PAKN feedback items per dossier. Default 0.03. */
  feedbackPerDossier?: number;
  /** Share of feedback handled after its due date or not at all. Default 0.15. */
  feedbackOverdueShare?: number;
  /** Revision 2. Of supplemented dossiers: share asked a second time (late under QĐ 766). Default 0.15. */
  secondRequestShare?: number;
  /** Of supplemented dossiers: share asked only after their due date. Default 0.1. */
  lateRequestShare?: number;
  /** Of apology letters: share written too late (on or after the due date, or weeks after). Default 0.3. */
  lateApologyShare?: number;
  /** Share of dossiers whose appointment date falls on a weekend or holiday. Default 0.02. */
  holidayDueDateShare?: number;
  /** Share of dossiers digitised at intake / with reused data. Defaults 0.7 / 0.3. */
  digitizedShare?: number;
  reusedDataShare?: number;
  /** Share of resolutions with an electronic result (level 3–4 procedures). Default 0.6. */
  eResultShare?: number;
  /** Share of resolved dossiers rated by the applicant. Default 0.3. */
  ratingShare?: number;
  /** Share of online receipts at night (22:00–01:00 local), and of events stamped in UTC. Defaults 0.2 / 0.15. */
  nightShare?: number;
  utcShare?: number;
  /** Catalog; defaults to services/tthc-metrics/seed (or a small built-in list when absent). */
  procedures?: ProcedureSeed[];
  units?: UnitSeed[];
  calendar?: WorkingDayCalendar;
  /** CloudEvents `source`. Default `mot-cua/sgddt`. */
  source?: string;
}

export interface TthcCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: TthcEventType;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
}
const DEFAULT_DURATION = 5;

// ---------------------------------------------------------------------------------------------

interface DossierPlan {
  code: string;
  unitCode: string;
  received: Moment;
}

/**
 * Events of a simulated period, sorted by envelope `time` (ties by id). Deterministic for a seed.
 * Envelope `time` equals the data timestamp, except for corrections (a second dossier.received sent
 * later about the same receipt), whose envelope time is when the correction was sent.
 */
export function generateEventStream(options: GenerateOptions): TthcCloudEvent[] {
  const rng = new Random(options.seed);
  const cal = options.calendar ?? defaultCalendar();
  const catalog =
    options.procedures !== undefined
      ? { procedures: options.procedures, units: options.units ?? [] }
      : loadSeedCatalog();
  if (catalog.procedures.length === 0) throw new Error('generateEventStream: the procedure catalog is empty');
  // Dossiers only for procedures with a working-day time limit: the others (exam registrations,
  // recruitment rounds) follow their own calendars, which a due date in working days cannot model.
  const timed = catalog.procedures.filter((p) => typeof p.durationWorkingDays === 'number');
  const procedures = timed.length > 0 ? timed : catalog.procedures;
  const lateShare = options.lateShare ?? 0.1;
  const apologyShare = options.apologyShare ?? 0.6;
  const shares = options.channelShares ?? { online: 0.4, direct: 0.5, postal: 0.1 };
  const supplementShare = options.supplementShare ?? 0.08;
  const withdrawShare = options.withdrawShare ?? 0.02;
  const returnShare = options.returnShare ?? 0.9;
  const correctionShare = options.correctionShare ?? 0.01;
  const secondEndShare = options.secondEndShare ?? 0.005;
  const feedbackPerDossier = options.feedbackPerDossier ?? 0.03;
  const feedbackOverdueShare = options.feedbackOverdueShare ?? 0.15;
  const source = options.source ?? 'mot-cua/sgddt';
  const secondRequestShare = options.secondRequestShare ?? 0.15;
  const lateRequestShare = options.lateRequestShare ?? 0.1;
  const lateApologyShare = options.lateApologyShare ?? 0.3;
  const holidayDueDateShare = options.holidayDueDateShare ?? 0.02;
  const digitizedShare = options.digitizedShare ?? 0.7;
  const reusedDataShare = options.reusedDataShare ?? 0.3;
  const eResultShare = options.eResultShare ?? 0.6;
  const ratingShare = options.ratingShare ?? 0.3;
  const nightShare = options.nightShare ?? 0.2;
  const utcShare = options.utcShare ?? 0.15;
  const { from, to } = options;
  if (!(from <= to)) throw new Error(`generateEventStream: from (${from}) is after to (${to})`);

  const isWorkingDay = (day: string): boolean => cal.addWorkingDays(addCalendarDays(day, -1), 1) === day;
  const previousWorkingDay = (day: string): string => {
    let d = addCalendarDays(day, -1);
    while (!isWorkingDay(d)) d = addCalendarDays(d, -1);
    return d;
  };
  const workingDays: string[] = [];
  for (let d = cal.addWorkingDays(addCalendarDays(from, -1), 1); d <= to; d = cal.addWorkingDays(d, 1))
    workingDays.push(d);
  if (workingDays.length === 0)
    throw new Error(`generateEventStream: no working day between ${from} and ${to}`);

  /** A moment on working day `day`, strictly after `after` when given (same day: later minute). */
  const momentOn = (day: string, after?: Moment): Moment => {
    const earliest = after !== undefined && after.day === day ? Math.min(after.minute + 5, CLOSE + 60) : OPEN;
    return { day, minute: rng.int(earliest, Math.max(earliest, CLOSE)) };
  };
  /** The n-th working day after `day` (n = 0: `day` itself, which is a working day here). */
  const workingDayAfter = (day: string, n: number): string => (n === 0 ? day : cal.addWorkingDays(day, n));

  /** A data timestamp: usually local (+07:00), sometimes the same instant in UTC. */
  const ts = (m: Moment): string => (rng.chance(utcShare) ? stampUtc(m) : stamp(m));
  /** The first day after `day` that is not a working day (a weekend or a holiday). */
  const nextDayOff = (day: string): string => {
    let d = addCalendarDays(day, 1);
    while (isWorkingDay(d)) d = addCalendarDays(d, 1);
    return d;
  };

  const events: TthcCloudEvent[] = [];
  let eventCount = 0;
  const emit = (
    type: TthcEventType,
    subject: string,
    at: Moment,
    data: Record<string, unknown>,
    sentAt?: Moment,
  ): void => {
    // The simulation stops at the end of `to`: later events have not happened yet.
    if (at.day > to || (sentAt !== undefined && sentAt.day > to)) return;
    events.push({
      specversion: '1.0',
      id: rng.uuid(options.seed, eventCount++),
      source,
      type,
      time: stamp(sentAt ?? at),
      subject,
      datacontenttype: 'application/json',
      data,
    });
  };

  // Popular procedures first: a gently decaying weight over the catalog order.
  const procedureWeights = procedures.map((_, i) => 1 / Math.pow(i + 1, 0.7));
  const channelNames: DossierChannel[] = ['online', 'direct', 'postal'];
  const channelWeights = channelNames.map((c) => Math.max(0, shares[c]));
  const dailySequence = new Map<string, number>();
  const plans: DossierPlan[] = [];

  // Receipt days drawn first and sorted so that the daily sequence in dossier codes follows time.
  const receipts = Array.from({ length: options.dossiers }, () => momentOn(rng.pick(workingDays))).sort(
    compareMoments,
  );

  for (const drawn of receipts) {
    let receivedAt = drawn;
    const procedure = procedures[rng.weighted(procedureWeights)];
    const duration = procedure.durationWorkingDays ?? DEFAULT_DURATION;
    let channel = channelNames[rng.weighted(channelWeights)];
    if (channel === 'postal' && procedure.postalAllowed !== true) channel = 'direct';
    if (channel === 'online' && procedure.level < 3) channel = 'direct';
    // The online portal never closes: some dossiers arrive around local midnight (UTC 16:00–18:00),
    // where a UTC date and the local date differ.
    if (channel === 'online' && rng.chance(nightShare)) {
      receivedAt = { day: receivedAt.day, minute: rng.int(22 * 60, 24 * 60 - 1) };
      if (rng.chance(0.4)) receivedAt = { day: addCalendarDays(receivedAt.day, 1), minute: rng.int(0, 59) };
      if (receivedAt.day > to) receivedAt = drawn;
    }

    // TT 01/2018 Art. 19: agency code - YYMMDD - 4-digit daily sequence.
    const seq = (dailySequence.get(receivedAt.day) ?? 0) + 1;
    dailySequence.set(receivedAt.day, seq);
    const code = `000.00.36.H17-${receivedAt.day.slice(2).replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
    plans.push({ code, unitCode: procedure.unitCode, received: receivedAt });

    // Counting starts the next working day (Civil Code Art. 147), from the receipt's working day.
    const startDay = isWorkingDay(receivedAt.day) ? receivedAt.day : previousWorkingDay(receivedAt.day);
    let dueDate = workingDayAfter(startDay, duration);
    // A clerk's slip: an appointment on a weekend or holiday (an anomaly the service must report).
    if (rng.chance(holidayDueDateShare)) dueDate = nextDayOff(dueDate);
    const receivedData = {
      dossierCode: code,
      procedureCode: procedure.code,
      unitCode: procedure.unitCode,
      channel,
      receivedAt: ts(receivedAt),
      dueDate,
      procedureLevel: procedure.level,
      digitized: rng.chance(digitizedShare),
      reusedData: rng.chance(reusedDataShare),
    };
    if (rng.chance(correctionShare)) {
      // The clerk typed a wrong appointment date, and the counter system re-sends the receipt fixed.
      const wrong = { ...receivedData, dueDate: workingDayAfter(receivedAt.day, duration + rng.int(1, 3)) };
      emit(TthcEventTypes.dossierReceived, code, receivedAt, wrong);
      const sentAt = momentOn(workingDayAfter(startDay, rng.int(1, 2)), receivedAt);
      emit(TthcEventTypes.dossierReceived, code, receivedAt, receivedData, sentAt);
    } else {
      emit(TthcEventTypes.dossierReceived, code, receivedAt, receivedData);
    }

    // Fees (QĐ 766 3.6): paid online by most online applicants, at the counter by the others.
    if (procedure.feeBearing === true && rng.chance(0.9)) {
      const paidAt = { day: receivedAt.day, minute: Math.min(receivedAt.minute + 1, 24 * 60 - 1) };
      emit(TthcEventTypes.dossierPaid, code, paidAt, {
        dossierCode: code,
        paidAt: ts(paidAt),
        channel: channel === 'online' && rng.chance(0.8) ? 'online' : 'direct',
        amountVnd: rng.pick([20_000, 50_000, 100_000, 150_000]),
      });
    }

    // Supplement (Mẫu 02) within 3 working days; the time limit restarts once it is complete.
    // Revision 2 cases: a second request (the law allows one), a request after the due date.
    let clockStart = receivedAt;
    let due = dueDate;
    const reasons = [
      'Thiếu bản sao giấy khai sinh',
      'Đơn đề nghị chưa đúng mẫu',
      'Thiếu xác nhận của cơ sở giáo dục',
    ];
    if (duration > 0 && rng.chance(supplementShare)) {
      const lateRequest = rng.chance(lateRequestShare);
      const requestDay = lateRequest
        ? workingDayAfter(due, rng.int(1, 3))
        : workingDayAfter(startDay, rng.int(1, Math.min(3, duration)));
      let requested = momentOn(requestDay, receivedAt);
      const rounds = rng.chance(secondRequestShare) ? 2 : 1;
      for (let round = 0; round < rounds; round++) {
        emit(TthcEventTypes.dossierSupplementRequested, code, requested, {
          dossierCode: code,
          requestedAt: ts(requested),
          reason: rng.pick(reasons),
        });
        const completed = momentOn(workingDayAfter(requested.day, rng.int(1, 7)), requested);
        due = workingDayAfter(completed.day, duration);
        emit(TthcEventTypes.dossierSupplementReceived, code, completed, {
          dossierCode: code,
          receivedAt: ts(completed),
          dueDate: due,
        });
        clockStart = completed;
        requested = momentOn(workingDayAfter(completed.day, rng.int(1, 2)), completed);
      }
    }

    // The dossier's fate.
    const fate = rng.float();
    let end: Moment;
    let endType: 'resolved' | 'withdrawn';
    if (fate < withdrawShare) {
      endType = 'withdrawn';
      end = momentOn(workingDayAfter(clockStart.day, rng.int(0, Math.max(0, duration))), clockStart);
      emit(TthcEventTypes.dossierWithdrawn, code, end, { dossierCode: code, withdrawnAt: ts(end) });
    } else {
      endType = 'resolved';
      const late = fate < withdrawShare + lateShare;
      let resolvedDay: string;
      if (late) {
        const daysLate = rng.int(1, 5);
        resolvedDay = workingDayAfter(due, daysLate);
        if (rng.chance(apologyShare)) {
          // Decree 61/2018 Art. 19.9: the apology goes out at the latest one day before the due date;
          // some are written on the due date, after the resolution, or weeks later (after the period).
          let issuedDay = previousWorkingDay(due) < clockStart.day ? clockStart.day : previousWorkingDay(due);
          if (rng.chance(lateApologyShare)) {
            issuedDay = rng.chance(0.5) ? due : workingDayAfter(due, daysLate + rng.int(1, 30));
          }
          const issued = momentOn(issuedDay, clockStart);
          emit(TthcEventTypes.dossierApologyIssued, code, issued, {
            dossierCode: code,
            issuedAt: ts(issued),
            letterNo: `${rng.int(1, 999)}/PXL-SGDĐT`,
            reason: rng.pick([
              'Cần xác minh thêm thông tin',
              'Chờ ý kiến của cơ quan liên quan',
              'Hồ sơ nhiều, cán bộ thụ lý nghỉ ốm',
            ]),
            newDueDate: workingDayAfter(due, daysLate + rng.int(0, 3)),
          });
        }
      } else if (duration === 0 || rng.chance(0.3)) {
        resolvedDay = due; // on the appointment day
      } else {
        resolvedDay = workingDayAfter(clockStart.day, rng.int(1, duration - 1 > 0 ? duration - 1 : 1));
        if (resolvedDay > due) resolvedDay = due;
      }
      end = momentOn(resolvedDay, clockStart);
      emit(TthcEventTypes.dossierResolved, code, end, {
        dossierCode: code,
        resolvedAt: ts(end),
        outcome: rng.chance(0.95) ? 'approved' : 'rejected',
        eResult: procedure.level >= 3 && rng.chance(eResultShare),
      });
      if (rng.chance(ratingShare)) {
        const rated = momentOn(workingDayAfter(end.day, rng.int(0, 3)), end);
        const x = rng.float();
        emit(TthcEventTypes.dossierRated, code, rated, {
          dossierCode: code,
          ratedAt: ts(rated),
          rating: x < 0.8 ? 'satisfied' : x < 0.92 ? 'neutral' : 'dissatisfied',
        });
      }

      if (rng.chance(returnShare)) {
        const returned = momentOn(workingDayAfter(end.day, rng.int(0, 2)), end);
        let returnChannel: DossierChannel;
        if (channel === 'postal') returnChannel = 'postal';
        else if (channel === 'online') returnChannel = procedure.level === 4 ? 'online' : 'direct';
        // BCCI (QĐ 45/2016) also lets a direct applicant have only the result posted.
        else returnChannel = procedure.postalAllowed === true && rng.chance(0.1) ? 'postal' : 'direct';
        emit(TthcEventTypes.dossierReturned, code, returned, {
          dossierCode: code,
          returnedAt: ts(returned),
          returnChannel,
        });
      }
    }

    if (rng.chance(secondEndShare)) {
      // A later, second end event (for example the result re-sent by another system): changes no count.
      const again = momentOn(workingDayAfter(end.day, 1));
      if (endType === 'withdrawn') {
        emit(TthcEventTypes.dossierWithdrawn, code, again, { dossierCode: code, withdrawnAt: stamp(again) });
      } else {
        emit(TthcEventTypes.dossierResolved, code, again, {
          dossierCode: code,
          resolvedAt: stamp(again),
          outcome: 'approved',
        });
      }
    }
  }

  // PAKN feedback: half of it about a dossier (same unit), the rest about a unit in general.
  const feedbackCount = Math.round(options.dossiers * feedbackPerDossier);
  const feedbackSequence = new Map<string, number>();
  // Feedback may concern any unit of the department, including those that receive no dossiers.
  const unitCodes =
    catalog.units.length > 0
      ? catalog.units.map((u) => u.code)
      : [...new Set(procedures.map((p) => p.unitCode))];
  for (let i = 0; i < feedbackCount; i++) {
    const about = plans.length > 0 && rng.chance(0.5) ? rng.pick(plans) : undefined;
    const unitCode = about?.unitCode ?? rng.pick(unitCodes);
    const days = about === undefined ? workingDays : workingDays.filter((d) => d >= about.received.day);
    const receivedAt = momentOn(rng.pick(days), about?.received);
    const seq = (feedbackSequence.get(receivedAt.day) ?? 0) + 1;
    feedbackSequence.set(receivedAt.day, seq);
    const feedbackId = `PAKN-${receivedAt.day.slice(2).replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
    // QĐ 766 portal limit: PAKN handled within 15 working days.
    const due = workingDayAfter(receivedAt.day, 15);
    emit(TthcEventTypes.feedbackReceived, feedbackId, receivedAt, {
      feedbackId,
      unitCode,
      receivedAt: stamp(receivedAt),
      dueDate: due,
      channel: rng.pick(['direct', 'online', 'postal', 'phone']),
      ...(about === undefined ? {} : { dossierCode: about.code }),
    });
    if (rng.chance(feedbackOverdueShare)) {
      if (rng.chance(0.7)) {
        const resolved = momentOn(workingDayAfter(due, rng.int(1, 10)));
        emit(TthcEventTypes.feedbackResolved, feedbackId, resolved, {
          feedbackId,
          resolvedAt: ts(resolved),
          ...(rng.chance(0.6) ? { satisfaction: rng.chance(0.5) ? 'satisfied' : 'dissatisfied' } : {}),
        });
      }
    } else {
      const resolved = momentOn(workingDayAfter(receivedAt.day, rng.int(1, 15)), receivedAt);
      emit(TthcEventTypes.feedbackResolved, feedbackId, resolved, {
        feedbackId,
        resolvedAt: ts(resolved),
        ...(rng.chance(0.7) ? { satisfaction: rng.chance(0.88) ? 'satisfied' : 'dissatisfied' } : {}),
      });
    }
  }

  return events.sort(
    (a, b) => Date.parse(a.time) - Date.parse(b.time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
