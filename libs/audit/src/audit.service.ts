import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository, type FindOptionsWhere } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import type { AuditEntryView, AuditPage } from '@cchc/contracts';
import { AuditEntry } from './audit-entry.entity';

export const AUDIT_CONNECTION = 'audit';

/**
 * Who did it. A request's principal fits as it is (`prefix`, `role`, `name`); `null` is the process
 * itself (seeding, migrations, first start).
 */
export interface AuditActor {
  prefix: string;
  role: string;
  name?: string | null;
}

export interface AuditRecord {
  actor: AuditActor | null;
  /** `<entity>.<verb>` in the past tense: `plan.progress.submitted`, `tthc.calendar.updated`. */
  action: string;
  entity: string;
  entityId: string;
  /** JSON-serialisable state before and after; never secrets (tokens, hashes, passwords). */
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  entity?: string;
  /** An entry id (exclusive) or an ISO date-time: entries after it. */
  after?: string;
  limit: number;
}

const SYSTEM: AuditActor = { prefix: 'system', role: 'system', name: null };

/** The append-only audit trail every service writes to (architecture.md §6, revision 2). */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntry, AUDIT_CONNECTION) private readonly entries: Repository<AuditEntry>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Appends one entry. Call it after the write it records has committed. */
  async record(input: AuditRecord): Promise<void> {
    const actor = input.actor ?? SYSTEM;
    await this.entries.save(
      this.entries.create({
        service: this.config.service,
        actorPrefix: actor.prefix,
        actorRole: actor.role,
        actorName: actor.name ?? null,
        action: input.action,
        entity: input.entity,
        entityId: input.entityId,
        // jsonb: undefined is stored as SQL NULL.
        before: input.before ?? null,
        after: input.after ?? null,
      }),
    );
  }

  /** Oldest first, `limit` at a time. */
  async list(query: AuditQuery): Promise<AuditPage> {
    const where: FindOptionsWhere<AuditEntry> = {};
    if (query.entity) where.entity = query.entity;
    if (query.after && /^\d+$/.test(query.after)) where.id = MoreThan(query.after);
    else if (query.after) where.at = MoreThan(new Date(query.after));
    const rows = await this.entries.find({ where, order: { id: 'ASC' }, take: query.limit });
    return {
      entries: rows.map(toView),
      next: rows.length === query.limit ? rows[rows.length - 1].id : null,
    };
  }
}

function toView(e: AuditEntry): AuditEntryView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    service: e.service,
    actor: { prefix: e.actorPrefix, role: e.actorRole, name: e.actorName },
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
  };
}
