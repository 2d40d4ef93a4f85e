// node-saml's own XML helpers (xmldom with errors raised, xpath with typed results): the same
// parser that verifies responses reads identity provider metadata, so no second XML stack.
import { parseDomFromString, xpath } from '@node-saml/node-saml/lib/xml';
import { X509Certificate } from 'node:crypto';

const HTTP_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** What an identity provider's metadata says about signing in there. */
export interface IdpDescription {
  entityId: string;
  ssoUrl: string;
  certificates: string[];
}

/** Why metadata or a certificate was not accepted, for the field that carried it. */
export class SamlConfigError extends Error {}

const el = (name: string) => `*[local-name()='${name}']`;

/** The little of the DOM read here (the project compiles without the DOM library's types). */
interface XmlElement {
  localName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}

async function parse(xml: string): Promise<XmlElement> {
  const doc = (await parseDomFromString(xml)) as unknown as { documentElement: XmlElement };
  return doc.documentElement;
}

function select(node: XmlElement, path: string): XmlElement[] {
  return xpath.selectElements(node as never, path) as unknown as XmlElement[];
}

/**
 * Reads an IdP's metadata: its entity id, the SingleSignOnService of the HTTP-Redirect binding and
 * its signing certificates (KeyDescriptors for signing or for any use). Nothing in it is trusted
 * beyond what the tenant admin configures with it.
 */
export async function parseIdpMetadata(xml: string): Promise<IdpDescription> {
  let root: XmlElement;
  try {
    root = await parse(xml);
  } catch (err) {
    throw new SamlConfigError(`the metadata is not XML (${(err as Error).message.split('\n')[0].slice(0, 120)})`);
  }
  const descriptor =
    root.localName === 'EntityDescriptor' ? root : select(root, `./${el('EntityDescriptor')}[${el('IDPSSODescriptor')}]`)[0];
  const idp = descriptor ? select(descriptor, `./${el('IDPSSODescriptor')}`)[0] : undefined;
  if (!descriptor || !idp) throw new SamlConfigError('the metadata describes no SAML identity provider (IDPSSODescriptor)');
  const entityId = descriptor.getAttribute('entityID');
  if (!entityId) throw new SamlConfigError('the metadata has no entityID');
  const sso = select(idp, `./${el('SingleSignOnService')}`)
    .find((e) => e.getAttribute('Binding') === HTTP_REDIRECT)
    ?.getAttribute('Location');
  if (!sso) throw new SamlConfigError('the identity provider offers no SingleSignOnService with the HTTP-Redirect binding');
  const certificates = select(idp, `./${el('KeyDescriptor')}[not(@use) or @use='signing']//${el('X509Certificate')}`).map((e) =>
    toPem(e.textContent ?? ''),
  );
  if (!certificates.length) throw new SamlConfigError('the metadata names no signing certificate');
  return { entityId, ssoUrl: sso, certificates: [...new Set(certificates)] };
}

/** A certificate as PEM, from PEM or bare base64 (as metadata carries it); SamlConfigError if it is not one. */
export function toPem(text: string): string {
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  if (!body || !/^[A-Za-z0-9+/]+=*$/.test(body)) throw new SamlConfigError('not a PEM or base64 X.509 certificate');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
  } catch {
    throw new SamlConfigError('not a valid X.509 certificate');
  }
  return pem;
}

/** SHA-256 fingerprint of a PEM certificate, as admins see it at their identity provider. */
export function fingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/** What an unverified SAML response says about itself: only for routing it and naming a refusal. */
export interface ResponseHints {
  inResponseTo: string | null;
  destination: string | null;
  assertionId: string | null;
  audience: string | null;
}

export async function peekResponse(samlResponse: string): Promise<ResponseHints> {
  const none: ResponseHints = { inResponseTo: null, destination: null, assertionId: null, audience: null };
  try {
    const root = await parse(Buffer.from(samlResponse, 'base64').toString('utf8'));
    if (root.localName !== 'Response') return none;
    const assertion = select(root, `./${el('Assertion')}`)[0];
    const audience = assertion
      ? select(assertion, `./${el('Conditions')}/${el('AudienceRestriction')}/${el('Audience')}`)[0]
      : undefined;
    return {
      inResponseTo: root.getAttribute('InResponseTo') || null,
      destination: root.getAttribute('Destination') || null,
      assertionId: assertion?.getAttribute('ID') || null,
      audience: audience?.textContent?.trim() || null,
    };
  } catch {
    return none;
  }
}
