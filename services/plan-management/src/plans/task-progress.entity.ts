import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceView, ReviewState, TaskStatus } from '@cchc/contracts';

/**
 * One progress report on a task. Its content is append-only (the history is the record); only its
 * review (submitted → approved | returned, once) is written later. A returned report is resubmitted
 * as a new entry.
 */
@Entity({ name: 'task_progress' })
export class TaskProgress {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'text' })
  status!: TaskStatus;

  @Column({ type: 'int' })
  percent!: number;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb' })
  evidence!: EvidenceView[];

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'review_state', type: 'text' })
  reviewState!: ReviewState;

  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment!: string | null;
}
