// Tenant schema.
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const SSO_PROVIDER_TYPES = ['entra', 'google', 'oidc', 'saml'] as const;
export type SsoProviderType = (typeof SSO_PROVIDER_TYPES)[number];

/** Which part of a SAML response the identity provider's signature must cover. */
export const SAML_SIGNATURE_REQUIREMENTS = ['assertion', 'response', 'both'] as const;
export type SamlSignatureRequirement = (typeof SAML_SIGNATURE_REQUIREMENTS)[number];

/** Attribute names of the assertion to read each field from; null: the usual Entra, Okta and ADFS names. */
export interface SamlAttributeMapping {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  groups: string | null;
}

/** A SAML 2.0 identity provider, as its metadata describes it, and what this tenant requires of it. */
export interface SamlSettings {
  idpEntityId: string;
  /** Where the AuthnRequest goes (HTTP-Redirect binding). */
  idpSsoUrl: string;
  /** PEM; several while the provider rolls its signing certificate over. */
  idpCertificates: string[];
  /** Where the settings were read from, when they came from a metadata URL. */
  idpMetadataUrl: string | null;
  signatureRequired: SamlSignatureRequirement;
  /** Responses the provider sends unasked (IdP-initiated sign-in) are refused unless this is set. */
  allowIdpInitiated: boolean;
  attributeMapping: SamlAttributeMapping;
}

/** An identity provider the tenant's users sign in with. */
@Entity({ name: 'sso_providers' })
export class SsoProvider {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  type: SsoProviderType;

  @Column('text')
  name: string;

  /** OpenID Connect providers; null for SAML. */
  @Column({ type: 'text', nullable: true })
  clientId: string | null;

  /** Sealed with the key ring (bound to tenant and provider); never selected unless asked for. Null for SAML. */
  @Column({ type: 'text', select: false, nullable: true })
  clientSecret: string | null;

  /** SAML 2.0 providers only: how the identity provider signs and what its assertions carry. */
  @Column({ type: 'jsonb', nullable: true })
  saml: SamlSettings | null;

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
