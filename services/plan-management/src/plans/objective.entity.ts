import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ObjectiveKpi } from '@cchc/contracts';

/** One of the plan's objectives ("Mục tiêu"), with its numeric target and the latest actual. */
@Entity({ name: 'objective' })
export class Objective {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'target_value', type: 'double precision', nullable: true })
  targetValue!: number | null;

  @Column({ name: 'target_unit', type: 'text', nullable: true })
  targetUnit!: string | null;

  @Column({ name: 'actual_value', type: 'double precision', nullable: true })
  actualValue!: number | null;

  @Column({ name: 'actual_unit', type: 'text', nullable: true })
  actualUnit!: string | null;

  @Column({ name: 'actual_as_of', type: 'date', nullable: true })
  actualAsOf!: string | null;

  @Column({ name: 'actual_note', type: 'text', nullable: true })
  actualNote!: string | null;

  /** The dossier KPI measuring it, when there is one (its actual is then live). */
  @Column({ type: 'text', nullable: true })
  kpi!: ObjectiveKpi | null;

  /** Codes of the tasks that deliver it; without a `kpi`, its actual is their share completed. */
  @Column({ name: 'task_codes', type: 'text', array: true, default: () => "'{}'" })
  taskCodes!: string[];
}
