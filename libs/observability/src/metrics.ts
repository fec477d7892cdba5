import { Counter, Gauge, Histogram, register, collectDefaultMetrics } from 'prom-client';

/** A metric as the catalog in `@cchc/contracts` defines it. */
export interface MetricDefinition<L extends string = string> {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  labels: readonly L[];
  buckets?: readonly number[];
}

type LabelsOf<D> = D extends MetricDefinition<infer L> ? L : never;

// Get-or-create: in the all-in-one process (and in tests) several modules may ask for the same
// metric; prom-client refuses a second registration of one name.
export function counter<D extends MetricDefinition>(def: D): Counter<LabelsOf<D>> {
  return (
    (register.getSingleMetric(def.name) as Counter<LabelsOf<D>> | undefined) ??
    new Counter({ name: def.name, help: def.help, labelNames: def.labels as LabelsOf<D>[] })
  );
}

export function gauge<D extends MetricDefinition>(def: D): Gauge<LabelsOf<D>> {
  return (
    (register.getSingleMetric(def.name) as Gauge<LabelsOf<D>> | undefined) ??
    new Gauge({ name: def.name, help: def.help, labelNames: def.labels as LabelsOf<D>[] })
  );
}

export function histogram<D extends MetricDefinition>(def: D): Histogram<LabelsOf<D>> {
  return (
    (register.getSingleMetric(def.name) as Histogram<LabelsOf<D>> | undefined) ??
    new Histogram({
      name: def.name,
      help: def.help,
      labelNames: def.labels as LabelsOf<D>[],
      ...(def.buckets ? { buckets: [...def.buckets] } : {}),
    })
  );
}

let defaultsCollected = false;
/** Process metrics (memory, CPU, event loop) with the project prefix, once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ prefix: 'cchc_' });
}

export { register as metricsRegistry };
