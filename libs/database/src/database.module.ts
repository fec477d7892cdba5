import { DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { HealthRegistry } from '@cchc/observability';
import { DataSource } from 'typeorm';
import { DatabaseServer } from './database-server';
import { SchemaDefinition, openSchemaDataSource, schemaDataSourceOptions } from './schema-data-source';

/** Injection token for the process's {@link DatabaseServer}. */
export const DATABASE_SERVER = Symbol('DATABASE_SERVER');
/** Holder module of one service schema's DataSource and its readiness check. */
@Module({})
class SchemaModule {}

@Global()
@Module({})
export class DatabaseModule {
  /** The database server the host started (embedded or external); stopped by the host. */
  static forRoot(server: DatabaseServer): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DATABASE_SERVER, useValue: server }],
      exports: [DATABASE_SERVER],
    };
  }

  /**
   * A service's own schema: migrations applied at start-up, then its repositories are injectable
   * with `@InjectRepository(Entity, def.name)`.
   */
  static forSchema(def: SchemaDefinition): DynamicModule {
    const typeorm = TypeOrmModule.forRootAsync({
      name: def.name,
      inject: [DATABASE_SERVER],
      useFactory: (server: DatabaseServer) => schemaDataSourceOptions(server.url, def),
      dataSourceFactory: async (options) => {
        const url = (options as { url?: string } | undefined)?.url;
        if (!url) throw new Error(`No database URL for schema ${def.schema}`);
        return openSchemaDataSource(url, def);
      },
    });
    return {
      module: SchemaModule,
      imports: [typeorm],
      providers: [
        {
          provide: `cchc:schema-health:${def.name}`,
          inject: [getDataSourceToken(def.name), HealthRegistry],
          useFactory: (ds: DataSource, health: HealthRegistry) => {
            health.register(`database:${def.schema}`, async () => {
              await ds.query('SELECT 1');
            });
            return true;
          },
        },
      ],
      exports: [typeorm],
    };
  }
}
