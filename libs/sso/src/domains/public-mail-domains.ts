/**
 * Mailbox providers anyone can sign up with: an address there says nothing about an
 * organisation, so no tenant may claim these domains (or names under them) for single sign-on.
 * Keep this list here, and only here.
 */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  '126.com',
  '139.com',
  '163.com',
  'aim.com',
  'aliyun.com',
  'aol.com',
  'att.net',
  'bigpond.com',
  'bk.ru',
  'btinternet.com',
  'comcast.net',
  'cox.net',
  'daum.net',
  'email.com',
  'fastmail.com',
  'fastmail.fm',
  'foxmail.com',
  'free.fr',
  'gmail.com',
  'googlemail.com',
  'hanmail.net',
  'hey.com',
  'hotmail.com',
  'hushmail.com',
  'icloud.com',
  'inbox.ru',
  'interia.pl',
  'laposte.net',
  'libero.it',
  'list.ru',
  'live.co.uk',
  'live.com',
  'live.fr',
  'mac.com',
  'mail.com',
  'mail.ru',
  'me.com',
  'msn.com',
  'naver.com',
  'o2.pl',
  'orange.fr',
  'outlook.com',
  'outlook.fr',
  'pm.me',
  'proton.me',
  'protonmail.ch',
  'protonmail.com',
  'qq.com',
  'rambler.ru',
  'rediffmail.com',
  'rocketmail.com',
  'rogers.com',
  'sbcglobal.net',
  'seznam.cz',
  'sfr.fr',
  'shaw.ca',
  'sina.com',
  't-online.de',
  'tuta.io',
  'tutanota.com',
  'verizon.net',
  'wanadoo.fr',
  'web.de',
  'wp.pl',
  'yeah.net',
  'ymail.com',
  'zoho.com',
  'zohomail.com',
]);

/**
 * Providers that run one service under many country domains (`gmx.de`, `gmx.net`,
 * `yandex.com.tr`, `yahoo.co.uk`, …): the provider's label followed by a top-level domain, or by
 * a country's usual second level (`co`, `com`, …) and a top-level domain.
 */
export const PUBLIC_MAIL_FAMILIES: ReadonlySet<string> = new Set(['gmx', 'yandex', 'yahoo', 'hotmail']);
const SECOND_LEVELS = new Set(['co', 'com', 'net', 'org', 'ne', 'or']);

/** Whether `domain` (lower-case ASCII) is, or lies under, a public mailbox provider's domain. */
export function isPublicMailDomain(domain: string): boolean {
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const rest = labels.slice(i);
    if (PUBLIC_MAIL_DOMAINS.has(rest.join('.'))) return true;
    if (PUBLIC_MAIL_FAMILIES.has(rest[0]) && (rest.length === 2 || (rest.length === 3 && SECOND_LEVELS.has(rest[1])))) {
      return true;
    }
  }
  return false;
}
