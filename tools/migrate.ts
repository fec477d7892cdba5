import 'reflect-metadata';
import { AUDIT_SCHEMA } from '@cchc/audit';
import { AUTH_SCHEMA } from '@cchc/auth';
import { ConfigError, loadConfig } from '@cchc/config';
import { migrateSchema, type SchemaDefinition } from '@cchc/database';
import { PLAN_SCHEMA } from '../services/plan-management/src/plan-management.module';
import { REPORTING_SCHEMA } from '../services/reporting/src/reporting.module';
import { TTHC_SCHEMA } from '../services/tthc-metrics/src/tthc-metrics.module';

// `npm run migrate` / the deployment's one-shot migration step: applies every schema's pending
// migrations to DATABASE_URL and exits. Services also migrate their own schema at start-up (under
// an advisory lock), so this step is for deployments that want schema changes before a rollout.
const SCHEMAS: SchemaDefinition[] = [AUTH_SCHEMA, AUDIT_SCHEMA, PLAN_SCHEMA, TTHC_SCHEMA, REPORTING_SCHEMA];

async function main(): Promise<void> {
  const config = loadConfig('all-in-one');
  if (!config.databaseUrl) {
    console.error('DATABASE_URL is not set: the migrate command runs against an external PostgreSQL.');
    process.exit(2);
  }
  for (const schema of SCHEMAS) {
    const applied = await migrateSchema(config.databaseUrl, schema);
    console.log(`${schema.schema}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
  }
}

main().catch((e: unknown) => {
  console.error(
    e instanceof ConfigError ? e.message : `Migration failed: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(1);
});
