import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceView, TaskStatus } from '@cchc/contracts';

/** One progress report on a task. Append-only: the history is the record. */
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
}
