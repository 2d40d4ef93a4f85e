// Tenant schema.
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a tenant wants its events: a URL, the event types it subscribes to, and its signing secret. */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  url: string;

  @Column('text')
  description: string;

  /** Event types, `<group>.*` or `*`. */
  @Column({ type: 'text', array: true })
  eventTypes: string[];

  @Column('boolean')
  enabled: boolean;

  /** The signing secret, encrypted with the key ring; never returned after creation or rotation. */
  @Column({ type: 'text', select: false })
  secret: string;

  /** The secret before the last rotation, encrypted; it keeps signing until previousSecretExpiresAt. */
  @Column({ type: 'text', nullable: true, select: false })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  secretRotatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  /** When the current run of failed attempts began; null after a success. */
  @Column({ type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
