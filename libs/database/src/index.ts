export { startDatabaseServer } from './database-server';
export type { DatabaseServer, DatabaseServerOptions } from './database-server';
export { availableMemoryBytes, embeddedPostgresFlags, embeddedPostgresSettings } from './embedded-settings';
export type { EmbeddedPostgresSettings } from './embedded-settings';
export {
  PooledClient,
  schemaDataSourceOptions,
  migrateSchema,
  openSchemaDataSource,
} from './schema-data-source';
export type { SchemaDefinition } from './schema-data-source';
export { DatabaseModule, DATABASE_SERVER } from './database.module';
export { withClient } from './with-client';
export { textArrayParam } from './text-array-param';
