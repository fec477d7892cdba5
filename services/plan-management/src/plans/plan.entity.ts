import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface PlanUnit {
  code: string;
  name: string;
  aliases: string[];
}

export interface PlanSection {
  code: string;
  title: string;
  groups: Array<{ code: string; title: string }>;
}

/** A yearly CCHC plan and the decision that issued it. Tasks and objectives are rows of their own. */
@Entity({ name: 'plan' })
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'decision_number', type: 'text' })
  decisionNumber!: string;

  @Column({ name: 'decision_date', type: 'date' })
  decisionDate!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  signer!: string;

  @Column({ name: 'signer_title', type: 'text' })
  signerTitle!: string;

  @Column({ type: 'jsonb' })
  units!: PlanUnit[];

  @Column({ type: 'jsonb' })
  requirements!: Array<{ code: string; text: string }>;

  @Column({ type: 'jsonb' })
  sections!: PlanSection[];

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}
