import { describe, expect, it } from '@jest/globals';
import { HealthRegistry } from './health.registry';

describe(HealthRegistry.name, () => {
  it('reports warnings beside the checks without making the service unready', async () => {
    const sut = new HealthRegistry();
    sut.register('database', () => Promise.resolve());
    sut.registerWarning('calendar', () => 'lịch làm việc sắp hết phạm vi');
    sut.registerWarning('quiet', () => null);
    const report = await sut.run();
    expect(report.status).toBe('ok');
    expect(report.warnings).toEqual({ calendar: 'lịch làm việc sắp hết phạm vi' });
  });

  it('leaves the warnings out when none applies', async () => {
    const sut = new HealthRegistry();
    sut.registerWarning('calendar', () => null);
    expect(await sut.run()).toEqual({ status: 'ok', checks: {} });
  });
});
