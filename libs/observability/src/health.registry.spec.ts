import { describe, expect, it } from '@jest/globals';
import { HealthRegistry } from './health.registry';

describe(HealthRegistry.name, () => {
  it('turns each check into a terminus indicator, down with the reason as its message', async () => {
    const sut = new HealthRegistry();
    sut.register('database:tthc', () => Promise.resolve());
    sut.register('nats', () => Promise.reject(new Error('NATS connection closed')));
    const details = await sut.details();
    expect(details['database:tthc']).toMatchObject({ status: 'up' });
    expect(details['database:tthc'].responseTime).toEqual(expect.any(Number));
    expect(details.nats).toMatchObject({ status: 'down', message: 'NATS connection closed' });
  });

  it('marks a check that does not answer in time as down', async () => {
    const sut = new HealthRegistry();
    sut.register('slow', () => new Promise(() => undefined));
    expect((await sut.details()).slow).toMatchObject({
      status: 'down',
      message: 'timeout of 2000ms exceeded',
    });
  });

  it('reports a warning as degraded with its message, and as up when none applies', async () => {
    const sut = new HealthRegistry();
    sut.registerWarning('calendar', () => 'lịch làm việc sắp hết phạm vi');
    sut.registerWarning('quiet', () => null);
    expect(await sut.details()).toEqual({
      calendar: { status: 'degraded', message: 'lịch làm việc sắp hết phạm vi' },
      quiet: { status: 'up' },
    });
  });

  it('takes indicators written against terminus directly', async () => {
    const sut = new HealthRegistry();
    sut.registerIndicator('ingestion', () =>
      Promise.resolve(sut.indicator('ingestion').down({ message: 'x' })),
    );
    expect(sut.all()).toHaveLength(1);
    expect(await sut.details()).toEqual({ ingestion: { status: 'down', message: 'x' } });
  });
});
