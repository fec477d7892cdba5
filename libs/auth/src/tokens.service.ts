import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IsNull, Repository } from 'typeorm';
import { AuditService } from '@cchc/audit';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { ApiToken, Role } from './api-token.entity';
import type { Principal } from './principal';

export const AUTH_CONNECTION = 'auth';
// A revoked token stops working within this long on every replica.
const CACHE_TTL_MS = 15_000;

export interface CreatedToken {
  id: string;
  name: string;
  role: Role;
  units: string[];
  /** The secret; shown once, never stored. */
  token: string;
  createdAt: string;
}

export interface TokenListing {
  id: string;
  name: string;
  role: Role;
  units: string[];
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

@Injectable()
export class TokensService {
  private readonly logger = new Logger(TokensService.name);
  private readonly cache = new Map<string, { principal: Principal | null; at: number }>();
  private readonly bootstrapHash: Buffer | null;

  constructor(
    @InjectRepository(ApiToken, AUTH_CONNECTION) private readonly tokens: Repository<ApiToken>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Audit hook (architecture.md §6): token writes are in the trail wherever the host has it.
    @Optional() private readonly audit?: AuditService,
  ) {
    this.bootstrapHash = config.bootstrapAdminToken
      ? Buffer.from(hashToken(config.bootstrapAdminToken), 'hex')
      : null;
  }

  async create(
    input: { name: string; role: Role; units: string[] },
    actor: Principal | null = null,
  ): Promise<CreatedToken> {
    const token = `cchc_${randomBytes(32).toString('base64url')}`;
    const saved = await this.tokens.save(
      this.tokens.create({
        name: input.name,
        role: input.role,
        units: input.role === 'editor' || input.role === 'ingest' ? [...new Set(input.units)].sort() : [],
        tokenHash: hashToken(token),
        prefix: token.slice(0, 12),
        revokedAt: null,
      }),
    );
    // Never the token or its hash: the prefix is enough to recognise it.
    const after = { name: saved.name, role: saved.role, units: saved.units, prefix: saved.prefix };
    await this.audit?.record({
      actor,
      action: 'auth.token.created',
      entity: 'auth.token',
      entityId: saved.id,
      after,
    });
    return {
      id: saved.id,
      name: saved.name,
      role: saved.role,
      units: saved.units,
      token,
      createdAt: saved.createdAt.toISOString(),
    };
  }

  async list(): Promise<TokenListing[]> {
    const rows = await this.tokens.find({ order: { createdAt: 'ASC' } });
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      role: t.role,
      units: t.units,
      prefix: t.prefix,
      createdAt: t.createdAt.toISOString(),
      revokedAt: t.revokedAt?.toISOString() ?? null,
    }));
  }

  /** Returns false when no such active token exists. */
  async revoke(id: string, actor: Principal | null = null): Promise<boolean> {
    const revokedAt = new Date();
    const result = await this.tokens.update({ id, revokedAt: IsNull() }, { revokedAt });
    this.cache.clear();
    const revoked = (result.affected ?? 0) > 0;
    if (revoked) {
      await this.audit?.record({
        actor,
        action: 'auth.token.revoked',
        entity: 'auth.token',
        entityId: id,
        before: { revokedAt: null },
        after: { revokedAt: revokedAt.toISOString() },
      });
    }
    return revoked;
  }

  /** Revokes every active token of that name (e.g. the demo simulator's from an earlier run). */
  async revokeByName(name: string): Promise<number> {
    const result = await this.tokens.update({ name, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.cache.clear();
    return result.affected ?? 0;
  }

  async resolve(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    if (this.bootstrapHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.bootstrapHash)) {
      return {
        tokenId: 'bootstrap',
        name: 'BOOTSTRAP_ADMIN_TOKEN',
        role: 'admin',
        prefix: 'bootstrap',
        units: [],
      };
    }
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.principal;
    const row = await this.tokens.findOne({ where: { tokenHash: hash, revokedAt: IsNull() } });
    const principal: Principal | null = row
      ? { tokenId: row.id, name: row.name, role: row.role, prefix: row.prefix, units: row.units }
      : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, at: Date.now() });
    return principal;
  }

  /**
   * First all-in-one start without BOOTSTRAP_ADMIN_TOKEN: creates an admin token, writes it to
   * `DATA_DIR/admin-token` (mode 0600) and returns it so the host prints it once. Later starts
   * find an active admin token and return null.
   */
  async ensureFirstAdminToken(): Promise<{ token: string; file: string } | null> {
    if (this.config.bootstrapAdminToken) return null;
    const existing = await this.tokens.count({ where: { role: 'admin', revokedAt: IsNull() } });
    if (existing > 0) return null;
    const created = await this.create({ name: 'first-start admin', role: 'admin', units: [] });
    const dir = resolve(this.config.dataDir);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'admin-token');
    writeFileSync(file, `${created.token}\n`, { mode: 0o600 });
    this.logger.log(`Created the first admin token (id ${created.id}); it is in ${file}`);
    return { token: created.token, file };
  }
}
