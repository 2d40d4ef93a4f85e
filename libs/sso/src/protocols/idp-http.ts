import { Injectable } from '@nestjs/common';
import {
  DomainError,
  FieldError,
  GuardedFetch,
  guardedFetch,
  OutboundFailure,
  OutboundPolicy,
  resolveTarget,
  UrlRefused,
} from '@stratum/common';
import { SsoSettings } from '@stratum/config';

const MAX_RESPONSE_BYTES = 1024 * 1024;
/** How long a refused provider URL stays refused without being looked at again. */
const REFUSAL_TTL_MS = 30_000;
const MAX_REMEMBERED_REFUSALS = 10_000;

/**
 * Every request to an identity provider, through the platform's guarded outbound client: HTTPS
 * only, each URL (issuer, discovery, keys, token, userinfo; the ones a discovery document names
 * too) resolved and refused before any connection unless every address is public or a private host
 * the operator allowed (SSO_ALLOWED_PRIVATE_HOSTS); the connection goes to the checked addresses;
 * no redirects; SSO_HTTP_TIMEOUT_MS; answers over 1 MB refused. Requests use the process's default
 * HTTPS agent: the certificate authorities of the system plus NODE_EXTRA_CA_CERTS, as
 * passport-azure-ad's own requests.
 */
@Injectable()
export class IdpHttp {
  readonly policy: OutboundPolicy;
  /** `fetch` for openid-client (its customFetch). */
  readonly fetch: GuardedFetch;
  private readonly refusals = new Map<string, { reason: string; until: number }>();

  constructor(config: SsoSettings) {
    this.policy = { requireHttps: true, privateHosts: config.ssoPrivateHosts };
    this.fetch = guardedFetch({
      policy: this.policy,
      timeoutMs: config.SSO_HTTP_TIMEOUT_MS,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
  }

  /**
   * Checks a provider URL without connecting (UrlRefused). A refusal is remembered for 30 s, so
   * sign-ins started again meanwhile are refused without another resolution.
   */
  async check(url: string): Promise<void> {
    const remembered = this.refusals.get(url);
    if (remembered && remembered.until > Date.now()) throw new UrlRefused(remembered.reason);
    try {
      await resolveTarget(url, this.policy);
      this.refusals.delete(url);
    } catch (err) {
      if (err instanceof UrlRefused) {
        if (this.refusals.size >= MAX_REMEMBERED_REFUSALS) this.refusals.clear();
        this.refusals.set(url, { reason: err.reason, until: Date.now() + REFUSAL_TTL_MS });
      }
      throw err;
    }
  }

  /** The same check for a provider being configured: URL_REFUSED (400), on `field` when the tenant chose the URL. */
  async checkConfigured(url: string, field?: string): Promise<void> {
    try {
      await resolveTarget(url, this.policy);
    } catch (err) {
      if (!(err instanceof UrlRefused)) throw err;
      const errors: FieldError[] = field ? [{ field, message: err.reason }] : [];
      throw new DomainError('URL_REFUSED', `The identity provider URL is refused: ${err.reason}`, { reason: err.reason }, errors);
    }
  }
}

/** The guard's refusal or the client's failure behind an error a library threw (possibly wrapped). */
export function outboundCause(err: unknown): UrlRefused | OutboundFailure | null {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof UrlRefused || e instanceof OutboundFailure) return e;
  }
  return null;
}
