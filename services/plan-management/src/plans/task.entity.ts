import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TimeframeKind } from '@cchc/contracts';

/** A row of the plan's appendix ("Nội dung, nhiệm vụ"), transcribed as written. */
@Entity({ name: 'task' })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'section_code', type: 'text' })
  sectionCode!: string;

  @Column({ name: 'group_code', type: 'text', nullable: true })
  groupCode!: string | null;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'text', array: true })
  products!: string[];

  @Column({ name: 'lead_units', type: 'text', array: true })
  leadUnits!: string[];

  @Column({ name: 'coordinating_units', type: 'text', array: true })
  coordinatingUnits!: string[];

  // The same units as the row writes them, index for index ("Văn phòng Sở" for vp in VII.6). Empty
  // for tasks imported before these columns existed; readers fall back to the units' names.
  @Column({ name: 'lead_unit_names', type: 'text', array: true, default: () => "'{}'" })
  leadUnitNames!: string[];

  @Column({ name: 'coordinating_unit_names', type: 'text', array: true, default: () => "'{}'" })
  coordinatingUnitNames!: string[];

  @Column({ name: 'timeframe_text', type: 'text' })
  timeframeText!: string;

  @Column({ name: 'timeframe_kind', type: 'text' })
  timeframeKind!: TimeframeKind;

  @Column({ name: 'timeframe_start', type: 'date', nullable: true })
  timeframeStart!: string | null;

  @Column({ name: 'timeframe_end', type: 'date', nullable: true })
  timeframeEnd!: string | null;

  @Column({
    name: 'budget_million_vnd',
    type: 'numeric',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  budgetMillionVnd!: number | null;
}
