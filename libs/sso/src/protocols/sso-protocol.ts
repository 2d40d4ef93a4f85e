import type { SsoProvider } from '../providers/sso-provider.entity';

/** Why a sign-in was refused; clients see it as `reason` beside the code SSO_FAILED. */
export type RefusalReason =
  | 'unknown_state'
  | 'provider_error'
  | 'invalid_response'
  | 'email_not_verified'
  | 'domain_not_allowed'
  | 'domain_not_verified'
  | 'hosted_domain_not_allowed'
  | 'no_account'
  | 'account_inactive'
  | 'account_linked_elsewhere'
  | 'provider_disabled'
  // SAML
  | 'signature_invalid'
  | 'audience_mismatch'
  | 'issuer_mismatch'
  | 'destination_mismatch'
  | 'expired'
  | 'replayed'
  | 'unknown_request'
  | 'idp_initiated_disabled';

/** A sign-in the product refuses, with a message fit for the person signing in. */
export class SsoRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    /** What the library said, for the logs (never for the client). */
    readonly internal?: string,
  ) {
    super(message);
    this.name = 'SsoRefusal';
  }
}

/** Who the identity provider says signed in, from a verified ID token (and userinfo) or SAML assertion. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  /** Lowercased. */
  email: string | null;
  /** The provider vouches that the person controls `email`. */
  emailVerified: boolean;
  name: string | null;
  /** The groups the provider asserted (SAML `groups` attribute). */
  groups?: string[];
}

/** What a started sign-in keeps server-side until the provider answers (never given to the browser). */
export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The library's own record of the request (passport-azure-ad: state, nonce, directory, time; SAML: the request id). */
  libraryState?: Record<string, unknown>;
}

/** The provider's answer as it reached the callback: query parameters (GET) or form fields (POST). */
export interface AuthorizationResponse {
  method: 'GET' | 'POST';
  params: Record<string, string>;
}

export interface PendingAuthorization {
  state: string;
  nonce: string;
  codeVerifier: string;
  libraryState?: Record<string, unknown>;
}

/** One way of speaking to a kind of provider (OpenID Connect, SAML). */
export interface SsoProtocol {
  begin(provider: SsoProvider, clientSecret: string, options: { loginHint?: string }): Promise<AuthorizationRequest>;
  complete(
    provider: SsoProvider,
    clientSecret: string,
    pending: PendingAuthorization,
    response: AuthorizationResponse,
  ): Promise<ProviderIdentity>;
}

export const stringClaim = (value: unknown): string | null => (typeof value === 'string' && value.length ? value : null);
export const trueClaim = (value: unknown): boolean => value === true || value === 'true';
