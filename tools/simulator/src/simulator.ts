// Sends a generated TTHC event stream to a running system, over HTTP (POST /api/v1/tthc/events) or
// NATS JetStream, at a given rate. Used by the CLI (main.ts) and by the all-in-one `--demo` start.
import { generateEventStream, type TthcCloudEvent } from './generator';
import { sendHttp } from './http-sender';
import { sendNats } from './nats-sender';
import { type Log, Pacer } from './pacer';
import { SimulatorError, type SimulatorOptions, type SimulatorSummary } from './simulator-options';

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
