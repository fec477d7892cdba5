// The simulator's options and defaults, what it reports when done, and its one error type.

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

/** A failure's cause in one line: the system error code and message of a failed fetch or connect. */
export function describeFetchError(error: unknown): string {
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
