export * from './kpi-reference';
export { freePort } from './free-port';
export { startTestPostgres } from './test-postgres';
export type { TestPostgres } from './test-postgres';
export { startTestNats } from './test-nats';
export type { TestNats } from './test-nats';
export { expectEventually } from './eventually';
export { startTestHost, TEST_ADMIN_TOKEN } from './test-host';
export type { TestHost } from './test-host';
