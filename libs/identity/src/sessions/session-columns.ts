import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Columns shared by tenant sessions and platform staff sessions. */
export abstract class SessionColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  /** SHA-256 of the current refresh token; the token itself is never stored. */
  @Column('text')
  refreshTokenHash: string;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
