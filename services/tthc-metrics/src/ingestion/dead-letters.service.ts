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
}

@Injectable()
export class DeadLettersService {
  constructor(@InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource) {}

  async list(limit: number, after: number): Promise<DeadLetterView[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT id, event_id, transport, subject, reason, errors, payload, created_at
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
    }));
  }
}
