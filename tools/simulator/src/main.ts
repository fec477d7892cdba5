// CLI: `npm run simulate -- --target http --token … --from 2021-01-01 --to 2021-03-31`.
// Generates a deterministic TTHC event stream and sends it to a running system (or prints it).
import { parseArgs } from 'node:util';
import { runSimulator } from './simulator';
import { DEFAULT_SIMULATOR_OPTIONS, SimulatorError, type SimulatorOptions } from './simulator-options';

const USAGE = `Usage: npm run simulate -- [options]

Sends a simulated period of one-stop TTHC events (CloudEvents) to the tthc-metrics service.

  --target http|nats      where to send (default http)
  --url URL               HTTP base URL (default http://localhost:3000)
  --token TOKEN           ingest or admin bearer token (default: env CCHC_TOKEN)
  --nats-url URL          NATS server for --target nats (default nats://127.0.0.1:4222)
  --nats-user USER        NATS user (default: env NATS_USER)
  --nats-pass PASS        NATS password (default: env NATS_PASS)
  --from YYYY-MM-DD       first simulated day (default 2021-01-01)
  --to YYYY-MM-DD         last simulated day (default 2021-03-31)
  --seed N                random seed; the same seed gives the same events (default 42)
  --dossiers N            dossiers received in the period (default 2000)
  --late-share X          share of late dossiers, 0..1 (default 0.1)
  --apology-share X       share of late dossiers with an apology letter, 0..1 (default 0.6)
  --rate N                events per second, 0 = as fast as possible (default 200)
  --batch N               events per HTTP request, 1..1000 (default 500)
  --dry-run               print the events as JSON lines to stdout, send nothing
  -h, --help              this text
`;

/** Parses and validates the command line; throws SimulatorError naming the bad option. */
export function parseSimulatorArgs(argv: string[], env: NodeJS.ProcessEnv): SimulatorOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
        'nats-url': { type: 'string' },
        'nats-user': { type: 'string' },
        'nats-pass': { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        seed: { type: 'string' },
        dossiers: { type: 'string' },
        'late-share': { type: 'string' },
        'apology-share': { type: 'string' },
        rate: { type: 'string' },
        batch: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new SimulatorError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return 'help';
  const d = DEFAULT_SIMULATOR_OPTIONS;

  const target = values.target ?? d.target;
  if (target !== 'http' && target !== 'nats')
    throw new SimulatorError(`--target must be http or nats, got "${target}"`);
  const date = (name: string, value: string | undefined, fallback: string): string => {
    const v = value ?? fallback;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      throw new SimulatorError(`--${name} must be a date YYYY-MM-DD, got "${v}"`);
    }
    return v;
  };
  const num = (
    name: string,
    value: string | undefined,
    fallback: number,
    min: number,
    max: number,
    integer: boolean,
  ): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (
      value.trim() === '' ||
      !Number.isFinite(n) ||
      n < min ||
      n > max ||
      (integer && !Number.isInteger(n))
    ) {
      throw new SimulatorError(
        `--${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got "${value}"`,
      );
    }
    return n;
  };
  const url = values.url ?? d.url;
  if (!URL.canParse(url)) throw new SimulatorError(`--url is not a URL: "${url}"`);

  const options: SimulatorOptions = {
    target,
    url,
    token: values.token ?? env.CCHC_TOKEN,
    natsUrl: values['nats-url'] ?? d.natsUrl,
    natsUser: values['nats-user'] ?? env.NATS_USER,
    natsPass: values['nats-pass'] ?? env.NATS_PASS,
    from: date('from', values.from, d.from),
    to: date('to', values.to, d.to),
    seed: num('seed', values.seed, d.seed, 0, 2 ** 32 - 1, true),
    dossiers: num('dossiers', values.dossiers, d.dossiers, 0, 10_000_000, true),
    lateShare: num('late-share', values['late-share'], d.lateShare, 0, 1, false),
    apologyShare: num('apology-share', values['apology-share'], d.apologyShare, 0, 1, false),
    rate: num('rate', values.rate, d.rate, 0, 1_000_000, false),
    batch: num('batch', values.batch, d.batch, 1, 1000, true),
    dryRun: values['dry-run'] === true,
  };
  if (options.from > options.to)
    throw new SimulatorError(`--from (${options.from}) is after --to (${options.to})`);
  return options;
}

async function main(): Promise<number> {
  try {
    const options = parseSimulatorArgs(process.argv.slice(2), process.env);
    if (options === 'help') {
      console.log(USAGE);
      return 0;
    }
    const controller = new AbortController();
    // Ctrl-C stops sending and still prints the summary.
    process.once('SIGINT', () => controller.abort());
    const summary = await runSimulator({ ...options, signal: controller.signal }, (line) =>
      console.error(line),
    );
    return summary.rejected > 0 ? 2 : 0;
  } catch (error) {
    if (error instanceof SimulatorError) {
      console.error(`simulator: ${error.message}`);
      return 1;
    }
    console.error('simulator: unexpected failure', error);
    return 1;
  }
}

// Run only as a program, not when imported (the all-in-one imports runSimulator from here).
if (typeof require !== 'undefined' && require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
