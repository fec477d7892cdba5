import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { KpiWindow } from '@cchc/contracts';
import type { ReportModel } from './report.model';

/**
 * One issued version of a report, frozen as its model and as the files rendered from it at issue,
 * so an issued report reads the same, byte for byte, years later. Rows are never updated (a trigger refuses it).
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

  /** The files as issued (architecture.md §7: every GET returns these bytes); null for versions issued before files were stored. */
  @Column({ name: 'json_file', type: 'bytea', nullable: true })
  jsonFile!: Buffer | null;

  @Column({ name: 'docx_file', type: 'bytea', nullable: true })
  docxFile!: Buffer | null;

  @Column({ name: 'xlsx_file', type: 'bytea', nullable: true })
  xlsxFile!: Buffer | null;
}
