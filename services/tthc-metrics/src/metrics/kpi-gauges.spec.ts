import { describe, expect, it } from '@jest/globals';
import { Metrics } from '@cchc/contracts';
import { HealthRegistry, metricsRegistry } from '@cchc/observability';
import type { CalendarService } from '../calendar/calendar.service';
import type { JetStreamPublisher } from '../ingestion/jetstream-publisher';
import type { KpisService } from '../kpis/kpis.service';
import type { ProceduresService } from '../procedures/procedures.service';
import { KpiGauges } from './kpi-gauges';

async function backlogValue(): Promise<number | undefined> {
  const metric = metricsRegistry.getSingleMetric(Metrics.tthcConsumerPending.name);
  return (await metric?.get())?.values[0]?.value;
}

function gaugesWith(info: () => Promise<{ num_pending: number; num_ack_pending: number }>) {
  const health = new HealthRegistry();
  const publisher = { jetstream: { jsm: { consumers: { info } } } } as unknown as JetStreamPublisher;
  const sut = new KpiGauges(
    {} as KpisService,
    {} as ProceduresService,
    {} as CalendarService,
    publisher,
    health,
  );
  return { sut, health };
}

describe(KpiGauges.name, () => {
  it('reports a failed JetStream backlog query as unknown and not ready, never as an empty backlog', async () => {
    const { sut, health } = gaugesWith(() => Promise.reject(new Error('timeout')));
    await sut.refreshBacklog();
    expect(await backlogValue()).toBeNaN();
    const backlog = (await health.details())['jetstream-backlog'];
    expect(backlog).toMatchObject({ status: 'down' });
    expect(backlog.message).toContain('timeout');
  });

  it('reports the backlog and recovers readiness once the query answers', async () => {
    let fail = true;
    const { sut, health } = gaugesWith(() =>
      fail ? Promise.reject(new Error('down')) : Promise.resolve({ num_pending: 7, num_ack_pending: 3 }),
    );
    await sut.refreshBacklog();
    fail = false;
    // Readiness asks afresh: no waiting for the next KPI refresh.
    expect((await health.details())['jetstream-backlog']).toMatchObject({ status: 'up' });
    expect(await backlogValue()).toBe(10);
  });
});
