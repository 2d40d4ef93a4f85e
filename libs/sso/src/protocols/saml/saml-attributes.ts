import type { SamlAttributeMapping } from '../../providers/sso-provider.entity';

/**
 * The attribute names Entra ID, Okta, ADFS and Shibboleth-style IdPs use, tried in order when
 * the provider's mapping leaves a field unset.
 */
export const DEFAULT_SAML_ATTRIBUTES: Record<keyof SamlAttributeMapping, string[]> = {
  email: [
    'email',
    'mail',
    'emailAddress',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    'urn:oid:0.9.2342.19200300.100.1.3',
  ],
  firstName: [
    'firstName',
    'givenName',
    'given_name',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
    'urn:oid:2.5.4.42',
  ],
  lastName: [
    'lastName',
    'surname',
    'sn',
    'family_name',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
    'urn:oid:2.5.4.4',
  ],
  groups: [
    'groups',
    'memberOf',
    'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
    'http://schemas.xmlsoap.org/claims/Group',
    'urn:oid:1.3.6.1.4.1.5923.1.5.1.1',
  ],
};

const DISPLAY_NAMES = ['displayName', 'name', 'http://schemas.microsoft.com/identity/claims/displayname'];
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const MAX_GROUPS = 200;
const MAX_VALUE_LENGTH = 256;

/** Who a verified assertion names, by the provider's mapping. */
export interface SamlPerson {
  email: string | null;
  name: string | null;
  groups: string[];
}

/** Attribute values as strings (node-saml gives one value as itself, several as an array, structured ones as objects). */
function values(attributes: Record<string, unknown>, name: string): string[] {
  const raw = attributes[name];
  return (Array.isArray(raw) ? raw : [raw])
    .map((v) => (typeof v === 'string' ? v.trim() : null))
    .filter((v): v is string => !!v && v.length <= MAX_VALUE_LENGTH);
}

function first(attributes: Record<string, unknown>, names: string[]): string | null {
  for (const name of names) {
    const [value] = values(attributes, name);
    if (value) return value;
  }
  return null;
}

/** Reads email, name and groups from the assertion's attributes; the email falls back to an emailAddress NameID. */
export function mapSamlAttributes(
  mapping: SamlAttributeMapping,
  attributes: Record<string, unknown>,
  nameId: { value: string; format: string | null },
): SamlPerson {
  const names = (field: keyof SamlAttributeMapping) => (mapping[field] ? [mapping[field]] : DEFAULT_SAML_ATTRIBUTES[field]);
  const email = first(attributes, names('email')) ?? (nameId.format === EMAIL_FORMAT ? nameId.value : null);
  const given = first(attributes, names('firstName'));
  const family = first(attributes, names('lastName'));
  const groupNames = names('groups');
  const groupsFrom = groupNames.find((n) => values(attributes, n).length);
  return {
    email: email && email.includes('@') ? email.toLowerCase() : null,
    name: [given, family].filter(Boolean).join(' ') || first(attributes, DISPLAY_NAMES),
    groups: groupsFrom ? [...new Set(values(attributes, groupsFrom))].slice(0, MAX_GROUPS) : [],
  };
}
