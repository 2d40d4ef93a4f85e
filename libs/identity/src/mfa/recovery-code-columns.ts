import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An MFA recovery code (SHA-256 of it), usable once. */
export abstract class RecoveryCodeColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  codeHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
