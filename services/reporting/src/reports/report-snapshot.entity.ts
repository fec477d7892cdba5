import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { KpiWindow } from '@cchc/contracts';
import type { ReportModel } from './report.model';

/**
 * One issued version of a report, frozen as its model: every format is re-rendered from `model`,
 * so an issued report reads the same years later. Rows are never updated (a trigger refuses it).
 */
@Entity({ name: 'report_snapshot' })
export class ReportSnapshot {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ name: 'window', type: 'text' })
  window!: KpiWindow;

  /** Unit code the TTHC figures are scoped to; '' for the whole department. */
  @Column({ type: 'text', default: '' })
  unit!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  @Column({ type: 'jsonb' })
  model!: ReportModel;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'issued_by', type: 'text', nullable: true })
  issuedBy!: string | null;
}
