// Events for the benchmark: the simulator's generator (tools/simulator), in chunks with distinct
// dossier codes so that any number of chunks can be loaded into one database and every chunk's
// dossiers fall inside the same year (rows in scope grow with the size, not only stored history).
import { TthcEventTypes } from '@cchc/contracts';
import { eventUnitCodes } from '../tools/simulator/src/event-units';
import { generateEventStream, type TthcCloudEvent } from '../tools/simulator/src/generator';

export const BENCH_YEAR = 2021;
/** Dossiers per generated chunk: bounded memory whatever the total size. */
export const CHUNK_DOSSIERS = 25_000;

export interface EventChunk {
  events: TthcCloudEvent[];
  /** Event id → unit, for the JetStream subject. */
  units: Map<string, string>;
}

/**
 * Chunk `index` of a workload: `dossiers` dossiers received over the bench year, its dossier and
 * feedback codes prefixed with the workload `tag` and the chunk index (codes of different chunks
 * never collide; the generator's own codes restart every day at 0001).
 */
export function generateChunk(tag: string, index: number, dossiers: number, withUnits = true): EventChunk {
  const events = generateEventStream({
    from: `${BENCH_YEAR}-01-01`,
    to: `${BENCH_YEAR}-12-31`,
    seed: hashSeed(`${tag}-${index}`),
    dossiers,
  });
  const prefix = `${tag}${index}.`;
  for (const e of events) {
    e.subject = prefix + e.subject;
    const data = e.data;
    if (typeof data.dossierCode === 'string') data.dossierCode = prefix + data.dossierCode;
    if (typeof data.feedbackId === 'string') data.feedbackId = prefix + data.feedbackId;
  }
  // The units are for JetStream subjects: the KPI step's loads skip them (a few % of generating).
  return { events, units: withUnits ? eventUnitCodes(events) : new Map<string, string>() };
}

/** Chunks totalling `dossiers` dossiers, generated lazily one at a time. */
export function* workloadChunks(
  tag: string,
  dossiers: number,
  firstChunk = 0,
  withUnits = true,
): Generator<EventChunk> {
  let left = dossiers;
  for (let i = firstChunk; left > 0; i += 1) {
    const n = Math.min(CHUNK_DOSSIERS, left);
    left -= n;
    yield generateChunk(tag, i, n, withUnits);
  }
}

/** The events of each chunk of `workloadChunks`, without units (what the loaders take). */
export function* workloadEvents(tag: string, dossiers: number, firstChunk = 0): Generator<TthcCloudEvent[]> {
  for (const chunk of workloadChunks(tag, dossiers, firstChunk, false)) yield chunk.events;
}

/** At least `count` events (whole chunks, then cut), with their units. */
export function generateEvents(tag: string, count: number): EventChunk {
  const events: TthcCloudEvent[] = [];
  const units = new Map<string, string>();
  // The generator yields about 2.8 events per dossier.
  for (let i = 0; events.length < count; i += 1) {
    const chunk = generateChunk(tag, i, Math.min(CHUNK_DOSSIERS, Math.ceil((count - events.length) / 2.5)));
    for (const e of chunk.events) events.push(e);
    for (const [id, unit] of chunk.units) units.set(id, unit);
  }
  events.length = count;
  return { events, units };
}

/** The unit and the (unit, procedure) pair with most dossiers in the chunk: the scoped KPI queries. */
export function busiestScope(chunk: EventChunk): { unit: string; procedure: string } {
  const byUnit = new Map<string, number>();
  const byPair = new Map<string, number>();
  for (const e of chunk.events) {
    if (e.type !== TthcEventTypes.dossierReceived) continue;
    const unit = String(e.data.unitCode);
    byUnit.set(unit, (byUnit.get(unit) ?? 0) + 1);
    const pair = `${unit}\u0000${String(e.data.procedureCode)}`;
    byPair.set(pair, (byPair.get(pair) ?? 0) + 1);
  }
  const top = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1])[0][0];
  const unit = top(byUnit);
  const inUnit = new Map([...byPair].filter(([k]) => k.startsWith(`${unit}\u0000`)));
  return { unit, procedure: top(inUnit).split('\u0000')[1] };
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}
