import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TTHC_CONNECTION } from '../tthc.constants';

export interface DeadLetterView {
  id: number;
  eventId: string | null;
  transport: string;
  subject: string | null;
  reason: string;
  errors: string[];
  payload: string;
  createdAt: string;
  /** Deliveries of this exact payload (the record is keyed by its SHA-256). */
  deliveryCount: number;
  /** The latest delivery; `reason` and `errors` are the latest ones. */
  lastSeenAt: string;
  /** Set once an operator re-sent it: `accepted` or `duplicate`. */
  redrivenAt: string | null;
  redriveOutcome: string | null;
}

@Injectable()
export class DeadLettersService {
  constructor(@InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource) {}

  async list(limit: number, after: number): Promise<DeadLetterView[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT id, event_id, transport, subject, reason, errors, payload, created_at, delivery_count, last_seen_at,
         redriven_at, redrive_outcome
       FROM tthc.dead_letter WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      eventId: r.event_id as string | null,
      transport: r.transport as string,
      subject: r.subject as string | null,
      reason: r.reason as string,
      errors: r.errors as string[],
      payload: r.payload as string,
      createdAt: (r.created_at as Date).toISOString(),
      deliveryCount: Number(r.delivery_count),
      lastSeenAt: (r.last_seen_at as Date).toISOString(),
      redrivenAt: r.redriven_at ? (r.redriven_at as Date).toISOString() : null,
      redriveOutcome: (r.redrive_outcome as string | null) ?? null,
    }));
  }

  async get(id: number): Promise<DeadLetterView | undefined> {
    const rows = await this.list(1, id - 1);
    return rows[0]?.id === id ? rows[0] : undefined;
  }

  async markRedriven(id: number, outcome: 'accepted' | 'duplicate'): Promise<void> {
    await this.db.query(
      `UPDATE tthc.dead_letter SET redriven_at = now(), redrive_outcome = $2 WHERE id = $1`,
      [id, outcome],
    );
  }
}
