import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@cchc/audit';
import { AuthModule } from '@cchc/auth';
import { AppConfig, ConfigModule } from '@cchc/config';
import { DatabaseModule, DatabaseServer } from '@cchc/database';
import { MessagingModule } from '@cchc/messaging';
import { loggerModule, ObservabilityModule, type RootLogger } from '@cchc/observability';

/**
 * What every service host needs once per process, whichever services it hosts: validated config,
 * the logger, the database server, the message transport, metrics and health, bearer-token auth,
 * the audit trail.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, database: DatabaseServer, logger: RootLogger): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        // nestjs-pino over the host's logger (startServiceHost mounts its request middleware).
        loggerModule(logger),
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        ObservabilityModule,
        MessagingModule.forRoot({
          natsUrl: config.natsUrl,
          service: config.service,
          user: config.natsUser,
          pass: config.natsPass,
        }),
        // Before AuthModule: token writes are audited.
        AuditModule,
        AuthModule,
      ],
    };
  }
}
