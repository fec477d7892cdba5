import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Logger } from '@nestjs/common';
import { TokensService } from '@cchc/auth';
import { currentQuarter, localDate, parsePeriod } from '@cchc/calendar';
import { loadConfig } from '@cchc/config';
import { consoleDir, runServiceProcess, startServiceHost, type ServiceHost } from '@cchc/platform';
import { PlanManagementModule } from '../../../services/plan-management/src/plan-management.module';
import { ReportingModule } from '../../../services/reporting/src/reporting.module';
import { TthcMetricsModule } from '../../../services/tthc-metrics/src/tthc-metrics.module';
import { runSimulator } from '../../../tools/simulator/src/simulator';
import { DEFAULT_SIMULATOR_OPTIONS } from '../../../tools/simulator/src/simulator-options';
import { heapBudgetWarning } from './node-flags';

// The all-in-one start (`npm start`): the three services in one process on PORT (3000), embedded
// PostgreSQL under DATA_DIR unless DATABASE_URL is set, in-process messaging unless NATS_URL is set.
// `npm start -- --demo` also runs the simulator in the background so the numbers move. `npm start`
// runs it with the Node flags of ./node-flags.ts (a heap budget for V8); it warns when they are missing.
const demo = process.argv.includes('--demo');
const abort = new AbortController();
const DEMO_TOKEN_NAME = 'demo simulator';

void runServiceProcess(
  async () => {
    const config = loadConfig('all-in-one');
    console.log(
      `Starting the CCHC system (all-in-one) — data in ${config.databaseUrl ? 'DATABASE_URL' : config.dataDir} …`,
    );
    return startServiceHost({
      service: 'all-in-one',
      title: 'CCHC — Sở Giáo dục và Đào tạo (all-in-one)',
      features: [PlanManagementModule, TthcMetricsModule, ReportingModule],
      config,
    });
  },
  async (host) => {
    const tokens = host.app.get(TokensService);
    const first = await tokens.ensureFirstAdminToken();
    printBanner(host, first);
    const heapWarning = heapBudgetWarning(getHeapStatistics().heap_size_limit);
    if (heapWarning) new Logger('AllInOne').warn(heapWarning);
    process.once('SIGINT', () => abort.abort());
    process.once('SIGTERM', () => abort.abort());
    if (demo) await startDemo(host, tokens);
  },
);

function printBanner(host: ServiceHost, first: { token: string; file: string } | null): void {
  const base = `http://localhost:${host.config.port}`;
  const lines = [
    '',
    'Hệ thống CCHC — Sở Giáo dục và Đào tạo is running',
    existsSync(join(consoleDir(), 'index.html'))
      ? `  Web console    ${base}/  (open it in a browser; sign in with the admin token below)`
      : '  Web console    not built (npm run build:console)',
    `  API            ${base}/api/v1  (plans, tthc, reports)`,
    `  OpenAPI page   ${base}/api/docs`,
    `  Metrics        ${base}/metrics`,
    `  Health         ${base}/health/ready`,
  ];
  if (host.config.bootstrapAdminToken)
    lines.push('  Admin token    BOOTSTRAP_ADMIN_TOKEN (from the environment)');
  else if (first) {
    lines.push(
      `  Admin token    ${first.token}`,
      `                 (shown once; also saved in ${first.file}, mode 0600)`,
    );
  } else lines.push(`  Admin token    in ${host.config.dataDir}/admin-token (created at the first start)`);
  lines.push(
    `  Try            curl -H "Authorization: Bearer <token>" ${base}/api/v1/plans?year=2021`,
    '  Stop           Ctrl-C',
    '',
  );
  console.log(lines.join('\n'));
}

/** Simulates this quarter up to today over HTTP, at a pace a person can watch on the dashboards. */
async function startDemo(host: ServiceHost, tokens: TokensService): Promise<void> {
  const today = localDate(new Date().toISOString());
  const quarter = parsePeriod(currentQuarter(today));
  // A process killed mid-demo leaves its token behind: clear those first. The token is never shown.
  await tokens.revokeByName(DEMO_TOKEN_NAME);
  const { token, id } = await tokens.create({ name: DEMO_TOKEN_NAME, role: 'admin', units: [] });
  const logger = new Logger('Demo');
  logger.log(`Simulating ${quarter.label} up to ${today} at 100 events/s`);
  runSimulator(
    {
      ...DEFAULT_SIMULATOR_OPTIONS,
      url: `http://127.0.0.1:${host.config.port}`,
      token,
      from: quarter.from,
      to: today,
      seed: Number(today.replaceAll('-', '')),
      dossiers: 3000,
      rate: 100,
      batch: 50,
      signal: abort.signal,
      progressEveryMs: 10_000,
    },
    (line) => logger.log(line),
  )
    .then((s) =>
      logger.log(
        `Demo stream done: ${s.accepted} events accepted, ${s.duplicates} duplicates, ${s.rejected} rejected`,
      ),
    )
    .catch((e: unknown) => logger.warn(`Demo stopped: ${e instanceof Error ? e.message : String(e)}`))
    // On Ctrl-C the database may already be closing; the next demo start revokes it then.
    .finally(() => void tokens.revoke(id).catch(() => undefined));
}
