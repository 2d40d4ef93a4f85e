/**
 * The product's stable error codes. Every error a client can see carries one of these in the
 * `code` field of its problem+json body; clients branch on the code, never on the message.
 * This file is the single list: README and the OpenAPI document are generated from it.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: {
    status: 400,
    title: 'Validation failed',
    description: 'The request body, query or path did not pass validation; `errors` lists each field.',
  },
  BAD_REQUEST: {
    status: 400,
    title: 'Bad request',
    description: 'The request could not be understood (malformed JSON, for example).',
  },
  INVALID_TOKEN: {
    status: 400,
    title: 'Invalid or expired link',
    description: 'The one-time token (password reset, email verification, invitation) is unknown, expired or already used.',
  },
  WEBHOOK_URL_REFUSED: {
    status: 400,
    title: 'Webhook URL refused',
    description:
      'The endpoint URL is not allowed: HTTPS is required in production, and its host must resolve only to public addresses (no loopback, private, link-local, multicast or unspecified ones).',
  },
  URL_REFUSED: {
    status: 400,
    title: 'URL refused',
    description:
      'A URL the server would request on the tenant\u2019s behalf (an identity provider\u2019s issuer or metadata) is not allowed: HTTPS is required, and its host must resolve only to public addresses (no loopback, private, link-local, carrier-grade NAT, documentation, multicast or other special-purpose ones) unless the operator allows it. `reason` says why.',
  },
  TENANT_REQUIRED: {
    status: 400,
    title: 'Tenant required',
    description: 'This route acts on a tenant: send the `X-Tenant` header (slug or id) or use the tenant subdomain.',
  },
  UNAUTHENTICATED: {
    status: 401,
    title: 'Authentication required',
    description: 'No valid credentials were presented (missing, malformed, expired or revoked token).',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    title: 'Invalid credentials',
    description: 'Login failed. The same answer is given for an unknown email, a wrong password and an inactive account.',
  },
  INVALID_MFA_CODE: {
    status: 401,
    title: 'Invalid MFA code',
    description: 'The one-time code (or recovery code) is wrong, expired or was already used.',
  },
  SSO_FAILED: {
    status: 401,
    title: 'Single sign-on failed',
    description:
      "The identity provider's answer was refused: the sign-in attempt is unknown, expired or already used (state), the token did not verify (signature, issuer, audience, nonce, PKCE), or the account may not sign in to this tenant (`reason` says which).",
  },
  SSO_REQUIRED: {
    status: 403,
    title: 'Single sign-on required',
    description:
      "The tenant enforces single sign-on: password login is refused except for its break-glass accounts. Sign in through the tenant's identity provider.",
  },
  MFA_SETUP_REQUIRED: {
    status: 403,
    title: 'MFA setup required',
    description:
      'Multi-factor authentication is required: enrol a TOTP app (POST …/mfa/totp/enroll, then …/activate) to continue.',
  },
  IMPERSONATION_FORBIDDEN: {
    status: 403,
    title: 'Not while impersonating',
    description:
      'Refused under impersonation: every write of a `read` impersonation, every write not marked for support in a `write` one, and API keys even to read; or impersonation is not allowed for this tenant now.',
  },
  FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    description: 'The caller is authenticated but lacks the permission this route requires.',
  },
  TENANT_SUSPENDED: {
    status: 403,
    title: 'Tenant suspended',
    description: 'The tenant exists but is suspended or deleted; its data cannot be reached.',
  },
  TENANT_MISMATCH: {
    status: 403,
    title: 'Tenant mismatch',
    description: 'The `X-Tenant` header names a different tenant than the presented token.',
  },
  IP_NOT_ALLOWED: {
    status: 403,
    title: 'IP address not allowed',
    description: "The tenant's IP allowlist does not include the address the request came from (`ip` names it).",
  },
  TENANT_NOT_FOUND: { status: 404, title: 'Tenant not found', description: 'No tenant matches the given slug or id.' },
  NOT_FOUND: { status: 404, title: 'Not found', description: 'The resource does not exist, or is not visible to the caller.' },
  ROUTE_NOT_FOUND: { status: 404, title: 'Route not found', description: 'No route matches this method and path.' },
  CONFLICT: { status: 409, title: 'Conflict', description: 'The change conflicts with the current state of the resource.' },
  TENANT_SLUG_TAKEN: { status: 409, title: 'Tenant slug taken', description: 'Another tenant already uses this slug.' },
  LAST_ADMIN: {
    status: 409,
    title: 'Last tenant admin',
    description: 'The change would leave the tenant without an active tenant_admin.',
  },
  INVALID_STATE: { status: 409, title: 'Invalid state', description: 'The resource is not in a state that allows this action.' },
  DOMAIN_TAKEN: {
    status: 409,
    title: 'Domain taken',
    description: 'Another tenant has verified this domain for single sign-on; it cannot be claimed while that claim stands.',
  },
  DOMAIN_NOT_VERIFIED: {
    status: 409,
    title: 'Domain not verified',
    description:
      'The DNS TXT record proving the domain was not found: `expected` names the record, `found` lists the TXT strings seen at that name and `dnsError` the lookup error (NXDOMAIN, NODATA, TIMEOUT, …).',
  },
  PRECONDITION_FAILED: {
    status: 412,
    title: 'Precondition failed',
    description:
      'The `If-Match` header names another version of the resource than the current one (`meta.version`): read it again.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'Payload too large',
    description: 'The request body exceeds the size limit (1 MB by default).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    description: 'Request bodies must be `application/json`.',
  },
  PLAN_LIMIT: {
    status: 403,
    title: 'Plan limit reached',
    description: "The tenant's plan limit named in `limit` would be exceeded.",
  },
  BREAK_GLASS_LIMIT: {
    status: 403,
    title: 'Break-glass limit reached',
    description: 'A tenant may have at most `max` break-glass accounts (3); take the flag from another account first.',
  },
  FEATURE_NOT_IN_PLAN: {
    status: 403,
    title: 'Feature not in plan',
    description: "The tenant's plan does not include the feature named in `feature`.",
  },
  RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    description: 'A rate limit was reached; retry after the number of seconds in `Retry-After`.',
  },
  REQUEST_HEADERS_TOO_LARGE: {
    status: 431,
    title: 'Request headers too large',
    description:
      'The request line and headers exceed the server\u2019s limit (16 KB by default); send a shorter URL or fewer headers.',
  },
  INTERNAL_ERROR: {
    status: 500,
    title: 'Internal server error',
    description: 'An unexpected error; quote the `requestId` when reporting it.',
  },
  SSO_PROVIDER_UNAVAILABLE: {
    status: 502,
    title: 'Identity provider unavailable',
    description:
      'The identity provider could not be reached or answered unexpectedly (discovery, keys, token endpoint); retry later.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: 'Service unavailable',
    description: 'A dependency (database, Redis) is unavailable; retry later.',
  },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The problem `type` URI for a code; it resolves to the code's entry in `GET /api/v1/errors`. */
export function problemType(code: ErrorCode): string {
  return `/api/v1/errors/${code}`;
}
