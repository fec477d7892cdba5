import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '@cchc/database';
import { AuditController } from './audit.controller';
import { AuditEntry } from './audit-entry.entity';
import { AUDIT_CONNECTION, AuditService } from './audit.service';
import { CreateAuditTrail1796100525915 } from './migrations/1796100525915-CreateAuditTrail';

/**
 * The audit trail lives in the `audit` schema, shared by the services of one deployment (like the
 * `auth` schema): it belongs to this library. Global, so any feature can inject {@link AuditService}.
 */
export const AUDIT_SCHEMA = {
  name: AUDIT_CONNECTION,
  schema: 'audit',
  entities: [AuditEntry],
  migrations: [CreateAuditTrail1796100525915],
};

@Global()
@Module({
  imports: [DatabaseModule.forSchema(AUDIT_SCHEMA), TypeOrmModule.forFeature([AuditEntry], AUDIT_CONNECTION)],
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
