import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One write, as the audit trail keeps it. Append-only: the database refuses updates and deletes. */
@Entity({ name: 'audit_entry' })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** The service that recorded it (`plan-management`, `all-in-one`…). */
  @Column({ type: 'text' })
  service!: string;

  /** First characters of the caller's token (never the token); `system` for the process itself. */
  @Column({ name: 'actor_prefix', type: 'text' })
  actorPrefix!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName!: string | null;

  /** What was done, `<entity>.<verb>` in the past tense: `plan.progress.submitted`, `auth.token.revoked`. */
  @Column({ type: 'text' })
  action!: string;

  /** What it was done to: `plan.progress`, `plan.plan`, `auth.token`, `tthc.catalog`… */
  @Column({ type: 'text' })
  entity!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;
}
