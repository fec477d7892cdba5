import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'admin' | 'editor' | 'viewer' | 'ingest' | 'reviewer';
export const ROLES: readonly Role[] = ['admin', 'editor', 'viewer', 'ingest', 'reviewer'];

/** A bearer token. Only its SHA-256 is stored: the token itself is shown once, at creation. */
@Entity({ name: 'api_token' })
export class ApiToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** Unit codes an editor or ingest token may act for; empty for admin and viewer. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  units!: string[];

  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash!: string;

  /** First characters of the token, to recognise it in a list without revealing it. */
  @Column({ type: 'text' })
  prefix!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
