import { Injectable, Logger } from '@nestjs/common';
import { CacheProvider, Profile, SAML, SamlStatusError, ValidateInResponseTo } from '@node-saml/node-saml';
import { SsoSettings } from '@stratum/config';
import { TenantContext } from '@stratum/tenancy';
import { randomBytes } from 'node:crypto';
import type { SamlSettings, SsoProvider } from '../../providers/sso-provider.entity';
import {
  AuthorizationRequest,
  AuthorizationResponse,
  PendingAuthorization,
  ProviderIdentity,
  RefusalReason,
  SsoProtocol,
  SsoRefusal,
} from '../sso-protocol';
import { samlAcsUrl, samlEntityId } from '../urls';
import { SamlAssertions } from './saml-assertions';
import { mapSamlAttributes } from './saml-attributes';
import { peekResponse } from './saml-xml';

/** How far the identity provider's clock may be from ours (NotBefore, NotOnOrAfter). */
export const SAML_CLOCK_SKEW_MS = 2 * 60_000;

/** The pending request's record, kept with the flow in Redis (SsoFlows). */
interface SamlRequestState {
  requestId: string;
  createdAt: string;
}

/** node-saml's errors, by what they mean for the person signing in. */
const FAILURES: [RegExp, RefusalReason][] = [
  [/signature|signed data/i, 'signature_invalid'],
  [/expired|not yet valid|subject confirmation/i, 'expired'],
  [/audience/i, 'audience_mismatch'],
  [/InResponseTo/i, 'unknown_request'],
  [/issuer/i, 'issuer_mismatch'],
];

interface XmlNode {
  $?: Record<string, string>;
  [child: string]: unknown;
}

const children = (node: XmlNode | undefined, name: string): XmlNode[] => {
  const value = node?.[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
};

/**
 * SAML 2.0 through @node-saml/node-saml: the AuthnRequest (HTTP-Redirect binding) and the
 * validation of the response posted to the ACS (XML signature with the provider's configured
 * certificates only, one assertion, audience, NotBefore/NotOnOrAfter with a small skew,
 * InResponseTo against the request this server sent). This class adds what the library leaves
 * to its caller: the assertion's issuer, Destination and Recipient, and refusing an assertion id
 * seen before.
 */
@Injectable()
export class SamlProtocol implements SsoProtocol {
  private readonly logger = new Logger(SamlProtocol.name);

  constructor(
    private readonly config: SsoSettings,
    private readonly tenant: TenantContext,
    private readonly assertions: SamlAssertions,
  ) {}

  async begin(provider: SsoProvider, _secret: string, options: { loginHint?: string }): Promise<AuthorizationRequest> {
    let requestId = '';
    const createdAt = new Date().toISOString();
    const saml = this.client(provider, ValidateInResponseTo.always, {
      saveAsync: async (key, value) => {
        requestId = key;
        return { value, createdAt: Date.now() };
      },
      getAsync: async () => null,
      removeAsync: async () => null,
    });
    // The RelayState names the pending sign-in (in Redis), as `state` does for OpenID Connect.
    const relayState = randomBytes(32).toString('base64url');
    const url = await saml.getAuthorizeUrlAsync(relayState, undefined, {
      ...(options.loginHint ? { additionalParams: { login_hint: options.loginHint } } : {}),
    });
    if (!requestId) throw new Error('node-saml did not record the AuthnRequest id');
    const libraryState: SamlRequestState = { requestId, createdAt };
    return { url, state: relayState, nonce: '', codeVerifier: '', libraryState: { ...libraryState } };
  }

  /** Verifies a posted response: to the pending request, or unsolicited (`pending` null, IdP-initiated). */
  async complete(
    provider: SsoProvider,
    _secret: string,
    pending: PendingAuthorization | null,
    response: AuthorizationResponse,
  ): Promise<ProviderIdentity> {
    const settings = provider.saml!;
    const samlResponse = response.params.SAMLResponse;
    if (!samlResponse) throw new SsoRefusal('invalid_response', 'The identity provider sent no SAML response');
    const request = pending?.libraryState as SamlRequestState | undefined;
    if (pending && !request?.requestId) throw new SsoRefusal('unknown_request', 'This sign-in was not started for this provider');
    // Solicited: InResponseTo must name our request; unsolicited: it must be absent.
    const saml = this.client(provider, request ? ValidateInResponseTo.always : ValidateInResponseTo.ifPresent, {
      saveAsync: async () => null,
      getAsync: async (key) => (request && key === request.requestId ? request.createdAt : null),
      removeAsync: async () => null,
    });
    let profile: Profile | null;
    try {
      ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (err) {
      throw this.refusal(provider, err);
    }
    if (!profile?.nameID) throw new SsoRefusal('invalid_response', 'The SAML response names nobody', 'no NameID');
    // SAML caps persistent NameIDs at 256 characters; the link to the user keeps at most 255.
    if (profile.nameID.length > 255) throw new SsoRefusal('invalid_response', 'The SAML NameID is too long', 'NameID over 255');
    const acs = samlAcsUrl(this.config);
    if (profile.issuer !== settings.idpEntityId) {
      throw new SsoRefusal(
        'issuer_mismatch',
        'The SAML assertion comes from another identity provider',
        `issuer ${profile.issuer}`,
      );
    }
    const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
    const recipients = children(children(assertion, 'Subject')[0], 'SubjectConfirmation')
      .flatMap((c) => children(c, 'SubjectConfirmationData'))
      .map((d) => d.$?.Recipient);
    const { destination } = await peekResponse(samlResponse);
    if (!recipients.includes(acs) || (destination !== null && destination !== acs)) {
      throw new SsoRefusal(
        'destination_mismatch',
        'The SAML response was addressed to another service',
        `recipients ${recipients.join(',')} destination ${destination}`,
      );
    }
    const assertionId = assertion?.$?.ID;
    if (!assertionId) throw new SsoRefusal('invalid_response', 'The SAML assertion has no id');
    const notOnOrAfter = children(assertion, 'Conditions')[0]?.$?.NotOnOrAfter;
    const until = new Date((notOnOrAfter ? Date.parse(notOnOrAfter) : Date.now()) + SAML_CLOCK_SKEW_MS);
    if (!(await this.assertions.firstUse(provider.id, assertionId, until))) {
      throw new SsoRefusal('replayed', 'This SAML assertion was used already; sign in again');
    }
    const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
    const person = mapSamlAttributes(settings.attributeMapping, attributes, {
      value: profile.nameID,
      format: profile.nameIDFormat ?? null,
    });
    return {
      issuer: profile.issuer,
      subject: profile.nameID,
      email: person.email,
      // The provider is the tenant's directory; its email still has to be in a verified, allowed domain.
      emailVerified: person.email !== null,
      name: person.name,
      groups: person.groups,
    };
  }

  /** The service provider's metadata for this provider: entity id, ACS (HTTP-POST), what it wants signed. */
  metadata(provider: SsoProvider): string {
    return this.client(provider, ValidateInResponseTo.never).generateServiceProviderMetadata(null, null);
  }

  private client(provider: SsoProvider, validateInResponseTo: ValidateInResponseTo, cacheProvider?: CacheProvider): SAML {
    const settings: SamlSettings = provider.saml!;
    const entityId = samlEntityId(this.config, this.tenant.get().id, provider.id);
    return new SAML({
      issuer: entityId,
      audience: entityId,
      callbackUrl: samlAcsUrl(this.config),
      entryPoint: settings.idpSsoUrl,
      idpCert: settings.idpCertificates,
      idpIssuer: settings.idpEntityId,
      wantAssertionsSigned: settings.signatureRequired !== 'response',
      wantAuthnResponseSigned: settings.signatureRequired !== 'assertion',
      acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
      validateInResponseTo,
      requestIdExpirationPeriodMs: this.config.SSO_FLOW_TTL_SECONDS * 1000,
      ...(cacheProvider ? { cacheProvider } : {}),
      // Let the IdP choose the NameID format, and any authentication method (MFA, passwordless).
      identifierFormat: null,
      disableRequestedAuthnContext: true,
    });
  }

  private refusal(provider: SsoProvider, err: unknown): SsoRefusal {
    const message = (err as Error)?.message ?? String(err);
    if (err instanceof SamlStatusError) {
      return new SsoRefusal('provider_error', 'The identity provider refused the sign-in', message);
    }
    const reason = FAILURES.find(([pattern]) => pattern.test(message))?.[1] ?? 'invalid_response';
    this.logger.debug(`SAML response for provider ${provider.id} refused: ${message}`);
    const messages: Record<string, string> = {
      signature_invalid: 'The SAML response is not signed as the identity provider signs',
      expired: 'The SAML assertion is expired or not yet valid; sign in again',
      audience_mismatch: 'The SAML assertion is meant for another service',
      unknown_request: 'This SAML response answers no sign-in started here; start again',
      issuer_mismatch: 'The SAML response comes from another identity provider',
    };
    return new SsoRefusal(reason, messages[reason] ?? 'The identity provider\u2019s answer did not verify', message);
  }
}
