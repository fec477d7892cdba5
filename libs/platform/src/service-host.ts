import type { Server } from 'node:http';
import { INestApplication, Logger, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, ConfigError, loadConfig, ServiceName } from '@cchc/config';
import { DatabaseServer, startDatabaseServer } from '@cchc/database';
import { connectMessaging } from '@cchc/messaging';
import { Metrics } from '@cchc/contracts';
import type { DestinationStream } from 'pino';
import {
  bootLogger,
  collectProcessMetrics,
  createHttpLogger,
  createRootLogger,
  httpMetricsMiddleware,
  PinoNestLogger,
  UnhandledExceptionFilter,
} from '@cchc/observability';
import { mountConsole } from './console-static';
import { installHttpLimits } from './http-limits';
import { PlatformModule } from './platform.module';

// The `service` label names the service that owns a route, also in the all-in-one process.
function owningService(path: string, fallback: string): string {
  if (path.startsWith('/api/v1/plans')) return 'plan-management';
  if (path.startsWith('/api/v1/tthc')) return 'tthc-metrics';
  if (path.startsWith('/api/v1/reports')) return 'reporting';
  return fallback;
}

/** How long the HTTP server keeps an idle keep-alive connection open, in ms. */
export const HTTP_KEEP_ALIVE_MS = 65_000;

/**
 * Node closes an idle keep-alive connection after 5 s by default. A client that reuses a pooled
 * connection at the moment the server closes it gets a reset ("other side closed") for a request
 * that never reached the server: one-stop systems posting event batches over a connection pool,
 * a reverse proxy with a longer idle timeout (60 s is common), or a test process whose event loop
 * was busy past its own 4 s pool timeout (seen once in CI, services/tthc-metrics/test/replicas).
 * The server keeps idle connections longer than such clients do; the headers timeout must exceed
 * it (Node's rule), and the `Keep-Alive: timeout=65` response header tells clients the figure.
 */
function keepIdleConnections(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = HTTP_KEEP_ALIVE_MS;
  server.headersTimeout = HTTP_KEEP_ALIVE_MS + 1_000;
}

export interface ServiceHost {
  app: INestApplication;
  config: AppConfig;
  database: DatabaseServer;
  /** Closes the app, then the embedded database if this process started one. */
  stop(): Promise<void>;
}

/**
 * Starts an HTTP + messaging host for the given feature modules: the one-process all-in-one, or a
 * single service of the distributed stack. Same code path for both.
 */
export async function startServiceHost(options: {
  service: ServiceName;
  title: string;
  features: Array<Type<unknown>>;
  config?: AppConfig;
  listen?: boolean;
  /** Where the log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
}): Promise<ServiceHost> {
  const config = options.config ?? loadConfig(options.service);
  // One pino logger for the process (nestjs-pino): every Nest log and one line per request.
  const root = createRootLogger(
    { level: config.logLevel, format: config.logFormat, service: config.service },
    options.logDestination,
  );
  const logger = bootLogger(root);
  Logger.overrideLogger(logger);
  collectProcessMetrics();
  const database = await startDatabaseServer({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    log: (m) => {
      logger.log(m, 'Database');
    },
  });

  @Module({ imports: [PlatformModule.forRoot(config, database, root), ...options.features] })
  class HostModule {}

  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(HostModule, { logger, bodyParser: false });
    app.useLogger(app.get(PinoNestLogger));
    // First: every request gets its id and its log line, also one refused before its body is read.
    app.use(createHttpLogger(root));
    installHttpLimits(app, config);
    mountConsole(app, config);
    app.use(
      httpMetricsMiddleware((path) => owningService(path, config.service), Metrics.httpRequestDuration),
    );
    app.useGlobalFilters(new UnhandledExceptionFilter());
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(options.title)
        .setDescription('CCHC plan tracking and one-stop TTHC KPIs (architecture.md)')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document);
    await connectMessaging(app, {
      natsUrl: config.natsUrl,
      service: config.service,
      user: config.natsUser,
      pass: config.natsPass,
    });
    keepIdleConnections(app);
    if (options.listen !== false) await app.listen(config.port, config.host);
  } catch (e) {
    await app?.close().catch(() => undefined);
    await database.stop().catch(() => undefined);
    throw e;
  }
  const started = app;
  let stopping: Promise<void> | undefined;
  return {
    app: started,
    config,
    database,
    stop: () =>
      (stopping ??= (async () => {
        await started.close();
        await database.stop();
      })()),
  };
}

/**
 * Runs a host as a process: a configuration error is printed naming the variable (exit 2), and
 * SIGINT/SIGTERM close the app and the embedded database before exiting.
 */
export async function runServiceProcess(
  start: () => Promise<ServiceHost>,
  afterStart?: (host: ServiceHost) => Promise<void>,
): Promise<void> {
  let host: ServiceHost;
  try {
    host = await start();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    console.error(`Start-up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    Logger.log(`${signal} received: shutting down`, 'Host');
    host.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`Shutdown failed: ${String(e)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (afterStart) await afterStart(host);
}
