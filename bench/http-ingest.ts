// Sending events over HTTP as a one-stop system that cannot speak NATS does: batches of 1,000 (the
// contract's maximum) to POST /api/v1/tthc/events, a few requests in flight.
import { TEST_ADMIN_TOKEN } from '@cchc/testing';
import type { TthcCloudEvent } from '../tools/simulator/src/generator';
import { msSince, Progress } from './bench-results';

export const HTTP_BATCH = 1000;
const MAX_RETRIES = 20;

export interface HttpIngestResult {
  ms: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** Request bodies of at most 1,000 events each, serialised once up front. */
export function batchBodies(events: readonly TthcCloudEvent[]): Array<{ body: string; count: number }> {
  const bodies: Array<{ body: string; count: number }> = [];
  for (let i = 0; i < events.length; i += HTTP_BATCH) {
    const batch = events.slice(i, i + HTTP_BATCH);
    bodies.push({ body: JSON.stringify(batch), count: batch.length });
  }
  return bodies;
}

/**
 * Posts the bodies with `concurrency` requests in flight. A 429 is retried after its Retry-After
 * (bounded); any other non-200 stops the run with the service's answer.
 */
export async function postBatches(
  baseUrl: string,
  bodies: ReadonlyArray<{ body: string; count: number }>,
  concurrency: number,
  label: string,
): Promise<HttpIngestResult> {
  const total = bodies.reduce((s, b) => s + b.count, 0);
  const progress = new Progress(label, total);
  const result: HttpIngestResult = { ms: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let next = 0;
  let sent = 0;
  const start = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const item = bodies[next];
      next += 1;
      for (let attempt = 0; ; attempt += 1) {
        let res: Response;
        try {
          res = await fetch(`${baseUrl}/api/v1/tthc/events`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
              'Content-Type': 'application/cloudevents-batch+json',
            },
            body: item.body,
          });
        } catch (e) {
          // A keep-alive connection closed by the server as it was reused: sending the batch again is
          // safe (event ids deduplicate), and counted as duplicates where it had been stored.
          if (attempt < 3) continue;
          throw e;
        }
        if (res.status === 429 && attempt < MAX_RETRIES) {
          await res.arrayBuffer();
          const wait = Number(res.headers.get('retry-after') ?? '1');
          await new Promise((r) => setTimeout(r, Math.max(0.05, Number.isFinite(wait) ? wait : 1) * 1000));
          continue;
        }
        if (res.status !== 200)
          throw new Error(`${label}: HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`);
        const answer = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
        result.accepted += answer.accepted;
        result.duplicates += answer.duplicates;
        result.rejected += answer.rejected.length;
        break;
      }
      sent += item.count;
      progress.update(sent);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
  result.ms = msSince(start);
  return result;
}
