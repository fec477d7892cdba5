// Public surface of @cchc/audit: the append-only audit trail of every write (architecture.md §6).
export { AuditModule, AUDIT_SCHEMA } from './audit.module';
export { AuditEntry } from './audit-entry.entity';
export { AuditService, AUDIT_CONNECTION } from './audit.service';
export type { AuditActor, AuditQuery, AuditRecord } from './audit.service';
