import { describe, expect, it } from 'vitest';
import { mapSamlAttributes } from './saml-attributes';
import { parseIdpMetadata, peekResponse, SamlConfigError, toPem } from './saml-xml';

const DEFAULTS = { email: null, firstName: null, lastName: null, groups: null };
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const opaque = { value: '00u1abc', format: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' };

describe('mapSamlAttributes', () => {
  it('reads Okta, Entra ID and ADFS names by default', () => {
    expect(
      mapSamlAttributes(DEFAULTS, { email: 'Ada@Acme.test', firstName: 'Ada', lastName: 'Lovelace', groups: 'eng' }, opaque),
    ).toEqual({
      email: 'ada@acme.test',
      name: 'Ada Lovelace',
      groups: ['eng'],
    });
    const entra = {
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'grace@acme.test',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': 'Grace',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname': 'Hopper',
      'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups': ['a', 'b', 'a'],
    };
    expect(mapSamlAttributes(DEFAULTS, entra, opaque)).toEqual({
      email: 'grace@acme.test',
      name: 'Grace Hopper',
      groups: ['a', 'b'],
    });
    const adfs = {
      'http://schemas.xmlsoap.org/claims/Group': ['Domain Users'],
      'urn:oid:0.9.2342.19200300.100.1.3': 'x@acme.test',
    };
    expect(mapSamlAttributes(DEFAULTS, adfs, opaque)).toEqual({ email: 'x@acme.test', name: null, groups: ['Domain Users'] });
  });

  it('reads only the mapped attribute when a field is mapped', () => {
    const attributes = { email: 'wrong@acme.test', work: 'right@acme.test', groups: ['no'], teams: ['yes'] };
    expect(mapSamlAttributes({ ...DEFAULTS, email: 'work', groups: 'teams' }, attributes, opaque)).toMatchObject({
      email: 'right@acme.test',
      groups: ['yes'],
    });
    expect(mapSamlAttributes({ ...DEFAULTS, email: 'absent' }, attributes, opaque).email).toBeNull();
  });

  it('falls back to an emailAddress NameID only, and never takes a value that is not an address', () => {
    expect(mapSamlAttributes(DEFAULTS, {}, { value: 'Ada@acme.test', format: EMAIL_FORMAT }).email).toBe('ada@acme.test');
    expect(mapSamlAttributes(DEFAULTS, {}, { value: 'ada@acme.test', format: opaque.format }).email).toBeNull();
    expect(mapSamlAttributes(DEFAULTS, { email: 'ada' }, opaque).email).toBeNull();
    expect(mapSamlAttributes(DEFAULTS, { displayName: 'Ada L.' }, opaque).name).toBe('Ada L.');
    // Structured values (objects) are not text.
    expect(mapSamlAttributes(DEFAULTS, { groups: [{ nested: true }, 'ok'] }, opaque).groups).toEqual(['ok']);
  });
});

describe('IdP metadata', () => {
  const cert = 'MIIBszCCAVmgAwIBAgIUY';
  it('refuses what is not metadata of an identity provider, naming why', async () => {
    await expect(parseIdpMetadata('<nope')).rejects.toBeInstanceOf(SamlConfigError);
    await expect(parseIdpMetadata('<EntityDescriptor entityID="x"/>')).rejects.toThrow(/IDPSSODescriptor/);
    const noRedirect = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><IDPSSODescriptor><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp/sso"/></IDPSSODescriptor></EntityDescriptor>`;
    await expect(parseIdpMetadata(noRedirect)).rejects.toThrow(/HTTP-Redirect/);
    expect(() => toPem(cert)).toThrow(SamlConfigError);
    expect(() => toPem('not base64 !')).toThrow(SamlConfigError);
  });

  it('reads nothing from a response that is not one', async () => {
    expect(await peekResponse('bm90IHhtbA==')).toEqual({
      inResponseTo: null,
      destination: null,
      assertionId: null,
      audience: null,
    });
  });
});
