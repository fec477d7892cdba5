// Sends a generated TTHC event stream to a running system, over HTTP (POST /api/v1/tthc/events) or
// NATS JetStream, at a given rate. Used by the CLI (main.ts) and by the all-in-one `--demo` start.
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { tthcSubject } from '@cchc/contracts';
import { eventUnitCodes } from './event-units';
import { generateEventStream, type TthcCloudEvent } from './generator';

export interface SimulatorOptions {
  target: 'http' | 'nats';
  /** HTTP base URL, e.g. http://localhost:3000. */
  url: string;
  /** Bearer token (ingest or admin) for HTTP. */
  token?: string;
  natsUrl: string;
  natsUser?: string;
  natsPass?: string;
  from: string;
  to: string;
  seed: number;
  dossiers: number;
  lateShare: number;
  apologyShare: number;
  /** Events per second; 0 = as fast as possible. */
  rate: number;
  /** Events per HTTP request (the contract allows at most 1,000). */
  batch: number;
  /** Print JSON lines to `out` instead of sending. */
  dryRun: boolean;
  /** Where dry-run lines go; default process.stdout. */
  out?: NodeJS.WritableStream;
  /** Stops sending early (the all-in-one passes its shutdown signal). */
  signal?: AbortSignal;
  /** How often progress is logged, in ms. Default 3000. */
  progressEveryMs?: number;
}

export const DEFAULT_SIMULATOR_OPTIONS: SimulatorOptions = {
  target: 'http',
  url: 'http://localhost:3000',
  natsUrl: 'nats://127.0.0.1:4222',
  from: '2021-01-01',
  to: '2021-03-31',
  seed: 42,
  dossiers: 2000,
  lateShare: 0.1,
  apologyShare: 0.6,
  rate: 200,
  batch: 500,
  dryRun: false,
};

export interface SimulatorSummary {
  generated: number;
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  seconds: number;
  /** First few rejection reasons, as the service reported them. */
  rejections: Array<{ id: string; errors: string[] }>;
}

/** A failure worth a clear one-line message and a non-zero exit (unreachable, 401, 403...). */
export class SimulatorError extends Error {
  override name = 'SimulatorError';
}

type Log = (line: string) => void;

const MAX_BATCH = 1000;
const MAX_KEPT_REJECTIONS = 20;
const HTTP_RETRIES = 3;
const NATS_IN_FLIGHT = 256;

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Throttle and progress bookkeeping shared by both targets. */
class Pacer {
  private readonly started = Date.now();
  private lastProgress = Date.now();
  readonly summary: SimulatorSummary;

  constructor(
    private readonly options: SimulatorOptions,
    private readonly log: Log,
    generated: number,
  ) {
    this.summary = {
      generated,
      sent: 0,
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      seconds: 0,
      rejections: [],
    };
  }

  /** Waits until sending `next` more events keeps the average at or under the rate. */
  async before(next: number): Promise<void> {
    if (this.options.rate <= 0) return;
    const dueAt = this.started + ((this.summary.sent + next) / this.options.rate) * 1000;
    await sleep(dueAt - Date.now() - 1000 / this.options.rate, this.options.signal);
  }

  progress(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastProgress < (this.options.progressEveryMs ?? 3000)) return;
    this.lastProgress = now;
    const s = this.summary;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(s.sent / seconds) : 0;
    this.log(
      `simulator: sent ${s.sent}/${s.generated} events (${rate}/s), accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected}`,
    );
  }

  finish(): SimulatorSummary {
    this.summary.seconds = (Date.now() - this.started) / 1000;
    return this.summary;
  }
}

/**
 * Generates the stream for `options` and sends it; resolves with what the target said about it.
 * Throws {@link SimulatorError} with a clear message when the target cannot be used.
 */
export async function runSimulator(
  options: SimulatorOptions,
  log: Log = (line) => console.error(line),
): Promise<SimulatorSummary> {
  if (!options.dryRun && options.target === 'http' && (options.token === undefined || options.token === '')) {
    throw new SimulatorError('no token: pass --token or set CCHC_TOKEN (an ingest or admin token)');
  }
  let events: TthcCloudEvent[];
  try {
    events = generateEventStream({
      from: options.from,
      to: options.to,
      seed: options.seed,
      dossiers: options.dossiers,
      lateShare: options.lateShare,
      apologyShare: options.apologyShare,
    });
  } catch (error) {
    // For example a period beyond the calendar's holiday data.
    throw new SimulatorError(
      `cannot generate events: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  log(
    `simulator: ${events.length} events for ${options.dossiers} dossiers, ${options.from} to ${options.to} (seed ${options.seed})`,
  );
  const pacer = new Pacer(options, log, events.length);

  if (options.dryRun) {
    await writeLines(events, options.out ?? process.stdout);
    pacer.summary.sent = events.length;
  } else if (options.target === 'http') {
    await sendHttp(events, options, pacer);
  } else {
    await sendNats(events, options, pacer, log);
  }

  const summary = pacer.finish();
  log(
    options.dryRun
      ? `simulator: printed ${summary.sent} events (dry run, nothing sent)`
      : `simulator: done in ${summary.seconds.toFixed(1)} s: sent ${summary.sent}, accepted ${summary.accepted}, duplicates ${summary.duplicates}, rejected ${summary.rejected}`,
  );
  for (const r of summary.rejections) log(`simulator: rejected ${r.id}: ${r.errors.join('; ')}`);
  return summary;
}

async function writeLines(events: TthcCloudEvent[], out: NodeJS.WritableStream): Promise<void> {
  for (const e of events) {
    // Respect back-pressure so that piping a large stream does not buffer it all in memory.
    if (!out.write(`${JSON.stringify(e)}\n`))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; id: string; errors: string[] }>;
}

async function sendHttp(events: TthcCloudEvent[], options: SimulatorOptions, pacer: Pacer): Promise<void> {
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

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: string }).code;
      return code !== undefined ? `${code} (${cause.message})` : cause.message;
    }
    return error.message;
  }
  return String(error);
}

// ---------------------------------------------------------------------------------------------
// NATS JetStream

async function sendNats(
  events: TthcCloudEvent[],
  options: SimulatorOptions,
  pacer: Pacer,
  log: Log,
): Promise<void> {
  const units = eventUnitCodes(events);
  let nc;
  try {
    nc = await connect({
      servers: options.natsUrl,
      user: options.natsUser,
      pass: options.natsPass,
      name: 'cchc-simulator',
      maxReconnectAttempts: 10,
    });
  } catch (error) {
    throw new SimulatorError(`cannot connect to NATS at ${options.natsUrl}: ${describeFetchError(error)}`);
  }
  const js = jetstream(nc);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  try {
    for (const event of events) {
      if (options.signal?.aborted === true || failure !== undefined) break;
      const unit = units.get(event.id);
      if (unit === undefined) {
        // Cannot happen with generated streams: every follow-up event has its dossier.received.
        log(`simulator: no unit for event ${event.id} (${event.type}); skipped`);
        continue;
      }
      await pacer.before(1);
      // Pipelined publishes: JetStream acks come back asynchronously; keep a bounded window open.
      const p: Promise<void> = js
        .publish(tthcSubject(unit, event.type), JSON.stringify(event), { msgID: event.id })
        .then((ack) => {
          if (ack.duplicate) pacer.summary.duplicates++;
          else pacer.summary.accepted++;
        })
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      pacer.summary.sent++;
      if (inFlight.size >= NATS_IN_FLIGHT) await Promise.race(inFlight);
      pacer.progress();
    }
    await Promise.all(inFlight);
    if (failure !== undefined) {
      const message = describeFetchError(failure);
      const hint = /no responders|503/i.test(message)
        ? ' (no JetStream stream captures tthc.v1.>: start tthc-metrics first, it creates TTHC_EVENTS)'
        : '';
      throw new SimulatorError(`JetStream publish failed: ${message}${hint}`);
    }
    pacer.progress(true);
  } finally {
    await nc.drain().catch(() => undefined);
  }
}
