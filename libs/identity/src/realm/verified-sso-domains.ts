/**
 * The email domains a tenant has proven for single sign-on. Provided by the SSO library (which
 * depends on this one); `ssoEnforced` refuses password login only for addresses in these domains.
 */
export abstract class VerifiedSsoDomains {
  abstract isVerified(tenantId: string, domain: string): Promise<boolean>;
}
