// Tenant schema.
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const SSO_PROVIDER_TYPES = ['entra', 'google', 'oidc'] as const;
export type SsoProviderType = (typeof SSO_PROVIDER_TYPES)[number];

/** An identity provider the tenant's users sign in with. */
@Entity({ name: 'sso_providers' })
export class SsoProvider {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  type: SsoProviderType;

  @Column('text')
  name: string;

  @Column('text')
  clientId: string;

  /** Sealed with the key ring (bound to tenant and provider); never selected unless asked for. */
  @Column({ type: 'text', select: false })
  clientSecret: string;

  /** Generic OIDC: the issuer URL (discovery at `<issuer>/.well-known/openid-configuration`). */
  @Column({ type: 'text', nullable: true })
  issuer: string | null;

  /** Entra ID: the customer's directory (tenant id or verified domain). */
  @Column({ type: 'text', nullable: true })
  azureTenantId: string | null;

  /**
   * Email domains this provider signs in (others are refused). Linking and provisioning also need
   * the domain verified by the tenant (SsoDomains); listing a domain here claims nothing.
   */
  @Column({ type: 'text', array: true })
  allowedDomains: string[];

  /** Where the client may be sent back with its one-time code (exact match). */
  @Column({ type: 'text', array: true })
  redirectUris: string[];

  @Column('boolean')
  autoProvision: boolean;

  @Column('text')
  defaultRole: string;

  @Column('boolean')
  enabled: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
