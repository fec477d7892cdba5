// The state of one PAKN feedback as the KPIs of architecture.md §5 see it, from its accepted events
// (a function of the set of events, like the dossier's: dossier-projection.ts).
import { localDate } from '@cchc/calendar';
import type { FeedbackChannel, FeedbackSatisfaction } from '@cchc/contracts';
import { distinctById, earliest, instant, latest, type Of, type StoredFeedbackEvent } from './stored-events';

export interface FeedbackProjection {
  feedbackId: string;
  unitCode: string;
  channel: FeedbackChannel;
  receivedAt: string;
  receivedDate: string;
  dueDate: string;
  /** Timestamp and local date of the earliest feedback.resolved; null while open. */
  resolvedAt: string | null;
  resolvedDate: string | null;
  dossierCode: string | null;
  /** Revision 2: the citizen's rating on the counted resolution. */
  satisfaction: FeedbackSatisfaction | null;
}

/**
 * One PAKN feedback (architecture.md §5, by feedbackId), or null until its feedback.received has
 * arrived. Several feedback.received: the latest envelope `time` counts, as for dossiers (ties:
 * greatest id). Its resolution is the earliest feedback.resolved.
 */
export function projectFeedback(events: readonly StoredFeedbackEvent[]): FeedbackProjection | null {
  const received: Of<StoredFeedbackEvent, 'vn.cchc.tthc.feedback.received.v1'>[] = [];
  const resolutions: Of<StoredFeedbackEvent, 'vn.cchc.tthc.feedback.resolved.v1'>[] = [];
  for (const event of distinctById(events)) {
    switch (event.type) {
      case 'vn.cchc.tthc.feedback.received.v1':
        received.push(event);
        break;
      case 'vn.cchc.tthc.feedback.resolved.v1':
        resolutions.push(event);
        break;
    }
  }
  const counted = latest(received, (e) => instant(e.time));
  if (counted === undefined) return null;
  const resolution = earliest(resolutions, (e) => instant(e.data.resolvedAt));
  return {
    feedbackId: counted.data.feedbackId,
    unitCode: counted.data.unitCode,
    channel: counted.data.channel,
    receivedAt: counted.data.receivedAt,
    receivedDate: localDate(counted.data.receivedAt),
    dueDate: counted.data.dueDate,
    resolvedAt: resolution?.data.resolvedAt ?? null,
    resolvedDate: resolution === undefined ? null : localDate(resolution.data.resolvedAt),
    dossierCode: counted.data.dossierCode ?? null,
    satisfaction: resolution?.data.satisfaction ?? null,
  };
}
