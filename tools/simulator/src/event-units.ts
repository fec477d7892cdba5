// Routing of simulated events: the unit each one belongs to (its NATS subject's `<unitCode>`).
import { TthcEventTypes } from '@cchc/contracts';
import type { TthcCloudEvent } from './generator';

/**
 * The unit each event belongs to, for routing (`tthc.v1.<unitCode>.…`): the event's own `unitCode`,
 * else that of its dossier's dossier.received (dossier follow-ups) or its feedback.received
 * (feedback.resolved). Events whose unit cannot be found are left out of the map.
 */
export function eventUnitCodes(events: TthcCloudEvent[]): Map<string, string> {
  const dossierUnits = new Map<string, string>();
  const feedbackUnits = new Map<string, string>();
  for (const e of events) {
    const { unitCode, dossierCode, feedbackId } = e.data;
    if (typeof unitCode !== 'string') continue;
    if (e.type === TthcEventTypes.dossierReceived && typeof dossierCode === 'string') {
      dossierUnits.set(dossierCode, unitCode);
    }
    if (e.type === TthcEventTypes.feedbackReceived && typeof feedbackId === 'string') {
      feedbackUnits.set(feedbackId, unitCode);
    }
  }
  const units = new Map<string, string>();
  for (const e of events) {
    const { unitCode, dossierCode, feedbackId } = e.data;
    const unit =
      (typeof unitCode === 'string' ? unitCode : undefined) ??
      (typeof dossierCode === 'string' ? dossierUnits.get(dossierCode) : undefined) ??
      (typeof feedbackId === 'string' ? feedbackUnits.get(feedbackId) : undefined);
    if (unit !== undefined) units.set(e.id, unit);
  }
  return units;
}
