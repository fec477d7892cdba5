// Sends events to POST /api/v1/tthc/events in batches, retrying network errors and 5xx a few times,
// and turning 401, 403, 404 and 413 into messages that say what to fix.
import type { TthcCloudEvent } from './generator';
import { type Pacer, sleep } from './pacer';
import { describeFetchError, SimulatorError, type SimulatorOptions } from './simulator-options';

const MAX_BATCH = 1000;
const MAX_KEPT_REJECTIONS = 20;
const HTTP_RETRIES = 3;

interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; id: string; errors: string[] }>;
}

export async function sendHttp(
  events: TthcCloudEvent[],
  options: SimulatorOptions,
  pacer: Pacer,
): Promise<void> {
  const endpoint = new URL('/api/v1/tthc/events', options.url).toString();
  const token = options.token ?? '';
  // At a limited rate, smaller batches keep the flow smooth (about four requests a second).
  const batchSize = Math.max(
    1,
    Math.min(options.batch, MAX_BATCH, options.rate > 0 ? Math.ceil(options.rate / 4) : MAX_BATCH),
  );
  for (let i = 0; i < events.length; i += batchSize) {
    if (options.signal?.aborted === true) break;
    const batch = events.slice(i, i + batchSize);
    await pacer.before(batch.length);
    const result = await postBatch(endpoint, token, batch, options.signal);
    const s = pacer.summary;
    s.sent += batch.length;
    s.accepted += result.accepted;
    s.duplicates += result.duplicates;
    s.rejected += result.rejected.length;
    for (const r of result.rejected) {
      if (s.rejections.length < MAX_KEPT_REJECTIONS) s.rejections.push({ id: r.id, errors: r.errors });
    }
    pacer.progress();
  }
  pacer.progress(true);
}

async function postBatch(
  endpoint: string,
  token: string,
  batch: TthcCloudEvent[],
  signal?: AbortSignal,
): Promise<IngestResponse> {
  const body = JSON.stringify(batch);
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/cloudevents-batch+json', Authorization: `Bearer ${token}` },
        body,
        signal,
      });
    } catch (error) {
      // Network errors are retried a few times (the service may be restarting), then reported.
      if (attempt < HTTP_RETRIES && signal?.aborted !== true) {
        await sleep(500 * 2 ** attempt, signal);
        continue;
      }
      throw new SimulatorError(`cannot reach ${endpoint}: ${describeFetchError(error)}`);
    }
    if (response.status === 200) return (await response.json()) as IngestResponse;
    const text = (await response.text()).slice(0, 500);
    if (response.status >= 500 && attempt < HTTP_RETRIES) {
      await sleep(500 * 2 ** attempt, signal);
      continue;
    }
    switch (response.status) {
      case 401:
        throw new SimulatorError(
          `401 Unauthorized from ${endpoint}: the token is missing, unknown or revoked`,
        );
      case 403:
        throw new SimulatorError(`403 Forbidden from ${endpoint}: the token is neither ingest nor admin`);
      case 404:
        throw new SimulatorError(
          `404 Not Found from ${endpoint}: is --url the base of the tthc-metrics API?`,
        );
      case 413:
        throw new SimulatorError(
          `413 from ${endpoint}: batch of ${batch.length} is too large; lower --batch`,
        );
      default:
        throw new SimulatorError(`HTTP ${response.status} from ${endpoint}: ${text}`);
    }
  }
}
