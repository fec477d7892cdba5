import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config';

describe(loadConfig.name, () => {
  it('defaults to the all-in-one port, embedded database and in-process messaging', () => {
    const config = loadConfig('all-in-one', {});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.natsUrl).toBeUndefined();
    expect(config.dataDir).toBe('./.data');
  });

  it('gives each distributed service its own default port', () => {
    expect(loadConfig('plan-management', {}).port).toBe(3001);
    expect(loadConfig('tthc-metrics', {}).port).toBe(3002);
    expect(loadConfig('reporting', {}).port).toBe(3003);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig('tthc-metrics', { PORT: 'abc', DATABASE_URL: 'mysql://x', INGEST_BATCH_SIZE: '5000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('INGEST_BATCH_SIZE');
  });

  it('rejects a short bootstrap admin token', () => {
    expect(() => loadConfig('all-in-one', { BOOTSTRAP_ADMIN_TOKEN: 'short' })).toThrow(
      /BOOTSTRAP_ADMIN_TOKEN/,
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig('all-in-one', { NATS_URL: '', DATABASE_URL: '' }).natsUrl).toBeUndefined();
  });
  it('listens on loopback unless HOST is set (architecture.md §3 rev. 2)', () => {
    expect(loadConfig('all-in-one', {}).host).toBe('127.0.0.1');
    expect(loadConfig('tthc-metrics', { HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});
