import { domainToASCII } from 'node:url';
import { isPublicMailDomain } from './public-mail-domains';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The domain an organisation may claim, in the form it is stored and looked up in: trimmed,
 * lower-case, internationalised names as punycode (`bücher.example` → `xn--bcher-kva.example`).
 * Answers the reason it is refused instead: not a host name of at least two labels (letters,
 * digits and inner hyphens, 63 characters a label, 253 in all, no trailing dot, a non-numeric
 * top-level label), or a public mailbox provider's domain.
 */
export function parseClaimableDomain(input: unknown): { domain: string } | { refused: string } {
  if (typeof input !== 'string') return { refused: 'domain must be a domain name such as acme.com' };
  const trimmed = input.trim();
  if (trimmed.endsWith('.')) return { refused: 'domain must be written without a trailing dot' };
  // domainToASCII lower-cases, maps IDNs to punycode and answers '' for what is no domain at all.
  const domain = /^[^\s/@:_]+$/.test(trimmed) ? domainToASCII(trimmed) : '';
  const labels = domain.split('.');
  if (
    !domain ||
    domain.length > 253 ||
    labels.length < 2 ||
    !labels.every((l) => LABEL.test(l)) ||
    /^[0-9]+$/.test(labels[labels.length - 1])
  ) {
    return { refused: 'domain must be a domain name of at least two labels, such as acme.com' };
  }
  if (isPublicMailDomain(domain)) {
    return { refused: `${domain} belongs to a public mail provider; only an organisation's own domain can be claimed` };
  }
  return { domain };
}

/** The domain of an email address, as claims store it (lower-case, punycode); null if it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  return domainToASCII(email.slice(at + 1).trim()) || null;
}
