import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';

/** A service's slice of the database: its own schema, entities and migrations. */
export interface SchemaDefinition {
  /** DataSource name, also used with `@InjectRepository(Entity, name)`. */
  name: string;
  /** PostgreSQL schema the service owns; no other service reads it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * The pool's connections. A connection always has an `error` listener: pg-pool removes its own
 * listener when it hands a connection out and TypeORM adds one only a microtask later, so a backend
 * terminated right as its connection is handed out (pg_terminate_backend, a failover: its
 * ReadyForQuery and the FATAL 57P01 arrive in one TCP read) emitted `error` with no listener, an
 * uncaught exception that killed the process. The error is not lost: the connection is no longer
 * queryable, its next query fails with a connection error (databaseFailureKind: unavailable, so the
 * work is retried), and the pool drops it when it comes back. Found by
 * services/tthc-metrics/test/ingestion-pg-terminate.e2e-spec.ts.
 */
export class PooledClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    this.on('error', () => undefined);
  }
}

export function schemaDataSourceOptions(url: string, def: SchemaDefinition): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema: def.schema,
    entities: def.entities,
    migrations: def.migrations,
    migrationsTableName: 'migrations',
    // Never on: the schema changes only through reviewed, reversible migrations.
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: 10,
      // pg-pool closes a connection idle for 10 s by default; at a steady 1k events/s the lanes'
      // connections came and went (35 sessions in 30 s), and every new session plans the KPI
      // rollup triggers' statements again (16–90 ms, docs/benchmarks.md, session 17). Idle
      // connections are kept for 5 minutes: at most 10 a pool, well inside max_connections.
      idleTimeoutMillis: POOL_IDLE_MS,
      application_name: `cchc-${def.name}`,
      Client: PooledClient,
    },
  };
}

/** How long a pooled connection may stay idle before the pool closes it. */
export const POOL_IDLE_MS = 5 * 60_000;

/**
 * Creates the schema when missing and applies pending migrations. Several replicas may start at
 * once, so the work runs under a PostgreSQL advisory lock keyed by the schema name.
 */
export async function migrateSchema(url: string, def: SchemaDefinition): Promise<string[]> {
  const lock = new Client({ connectionString: url, application_name: `cchc-migrate-${def.name}` });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`cchc-migrations:${def.schema}`]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS "${def.schema}"`);
    const ds = new DataSource(schemaDataSourceOptions(url, def));
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`cchc-migrations:${def.schema}`])
      .catch(() => undefined);
    await lock.end();
  }
}

/** Opens the service's DataSource after its migrations are applied. */
export async function openSchemaDataSource(url: string, def: SchemaDefinition): Promise<DataSource> {
  await migrateSchema(url, def);
  const ds = new DataSource(schemaDataSourceOptions(url, def));
  return ds.initialize();
}
