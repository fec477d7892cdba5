// A stand-in for the services' /metrics: every metric of the catalog, created the way the services
// create theirs (from the catalog entry), with every value of its closed label lists, updated on a
// timer so that rates and increases are non-zero. It proves the dashboards and rules work against
// the catalog; the live test proves the services honour it.
import { createServer, type Server } from 'node:http';
import {
  CHANNELS,
  FEEDBACK_TIMELINESS,
  HTTP_STATUS_CLASSES,
  METRIC_PREFIX,
  Metrics,
  OUTCOMES,
  PENDING_TIMELINESS,
  PLAN_TASK_STATUSES,
  REJECT_REASONS,
  REPORT_FORMATS,
  RESOLVED_TIMELINESS,
  SERVICE_NAMES,
  TRANSPORTS,
  type MetricDefinition,
  type MetricLabel,
} from '@cchc/contracts';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const UNITS = ['vp', 'tt'];
const SECTIONS = ['I', 'III'];

function valuesOf(label: MetricLabel, def: MetricDefinition): readonly string[] {
  switch (label) {
    case 'unit':
      return UNITS;
    case 'section':
      return SECTIONS;
    case 'channel':
      return CHANNELS;
    case 'transport':
      return TRANSPORTS;
    case 'reason':
      return REJECT_REASONS;
    case 'format':
      return REPORT_FORMATS;
    case 'outcome':
      return OUTCOMES;
    case 'status':
      return PLAN_TASK_STATUSES;
    case 'service':
      return SERVICE_NAMES;
    case 'status_class':
      return HTTP_STATUS_CLASSES;
    case 'method':
      return ['GET', 'POST'];
    case 'route':
      return ['/api/v1/example/:id'];
    case 'level':
      return ['2', '3', '4'];
    case 'timeliness':
      // Each metric's own closed list (its help text names it).
      if (def.name.includes('pending')) return PENDING_TIMELINESS;
      if (def.name.includes('feedback')) return FEEDBACK_TIMELINESS;
      return RESOLVED_TIMELINESS;
  }
}

function labelSets(def: MetricDefinition): Array<Record<string, string>> {
  return def.labels.reduce<Array<Record<string, string>>>(
    (sets, label) => sets.flatMap((s) => valuesOf(label, def).map((v) => ({ ...s, [label]: v }))),
    [{}],
  );
}

export interface CatalogExporter {
  /** `host:port` per job, as Prometheus targets. */
  targets: Record<string, string>;
  stop(): Promise<void>;
}

/** Serves the catalog on one port per service job (the same series on each, like N replicas). */
export async function startCatalogExporter(jobs: readonly string[]): Promise<CatalogExporter> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const entries = Object.values(Metrics).map((def: MetricDefinition) => {
    const common = { name: def.name, help: def.help, labelNames: [...def.labels], registers: [registry] };
    const metric =
      def.type === 'counter'
        ? new Counter(common)
        : def.type === 'gauge'
          ? new Gauge(common)
          : new Histogram({ ...common, buckets: [...(def.buckets ?? [])] });
    return { def, metric, sets: labelSets(def) };
  });
  let tick = 0;
  const update = (): void => {
    tick++;
    for (const { metric, sets } of entries) {
      sets.forEach((labels, i) => {
        if (metric instanceof Counter) metric.inc(labels, 1 + ((tick + i) % 3));
        else if (metric instanceof Gauge) metric.set(labels, 1 + ((tick + i) % 5));
        else metric.observe(labels, 0.01 * (1 + ((tick + i) % 7)));
      });
    }
  };
  update();
  const timer = setInterval(update, 250);

  const servers: Server[] = [];
  const targets: Record<string, string> = {};
  for (const job of jobs) {
    const server = createServer((_req, res) => {
      registry.metrics().then(
        (text) => {
          res.setHeader('Content-Type', registry.contentType);
          res.end(text);
        },
        (e: unknown) => {
          res.statusCode = 500;
          res.end(String(e));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    targets[job] = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    servers.push(server);
  }
  return {
    targets,
    stop: async () => {
      clearInterval(timer);
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
