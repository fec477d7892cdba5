import { describe, expect, it, jest } from '@jest/globals';
import { PeriodicRefresh } from './periodic-refresh';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('PeriodicRefresh', () => {
  it('runs one refresh at a time: a call during a run joins it', async () => {
    const gate = deferred();
    const task = jest.fn(() => gate.promise);
    const refresh = new PeriodicRefresh('Gauges', task, { warn: jest.fn() });
    const first = refresh.run();
    const second = refresh.run();
    expect(task).toHaveBeenCalledTimes(1);
    gate.resolve();
    await Promise.all([first, second]);
    await refresh.run();
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('logs a failure with what was not refreshed, without rejecting, and runs again next time', async () => {
    const warn = jest.fn();
    const task = jest
      .fn<() => Promise<void>>()
      .mockRejectedValueOnce(new Error('connection refused'))
      .mockResolvedValueOnce(undefined);
    const refresh = new PeriodicRefresh('KPI gauges', task, { warn });
    await expect(refresh.run()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('KPI gauges not refreshed: connection refused');
    await refresh.run();
    expect(task).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('ticks on its period, at once only when asked, and stops after the run in progress', async () => {
    jest.useFakeTimers();
    try {
      let finished = 0;
      const gate = deferred();
      const task = jest.fn(async () => {
        await gate.promise;
        finished += 1;
      });
      const refresh = new PeriodicRefresh('Calendar', task, { warn: jest.fn() });
      refresh.start(60, { now: false });
      expect(task).toHaveBeenCalledTimes(0);
      jest.advanceTimersByTime(60_000);
      expect(task).toHaveBeenCalledTimes(1);
      const stopped = refresh.stop();
      gate.resolve();
      await stopped;
      expect(finished).toBe(1);
      jest.advanceTimersByTime(600_000);
      expect(task).toHaveBeenCalledTimes(1);

      const eager = new PeriodicRefresh('Gauges', task, { warn: jest.fn() });
      eager.start(30, { now: true });
      expect(task).toHaveBeenCalledTimes(2);
      await eager.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
