/**
 * The built-in account pages an emailed link opens when no front end of one's own is configured
 * (PUBLIC_APP_URL unset): plain HTML forms, no script, everything shown escaped.
 */

export const ACCOUNT_PAGES = {
  '/accept-invitation': {
    title: 'Accept your invitation',
    intro: 'Choose a password to join {tenant}.',
    fields: ['name', 'password'],
    button: 'Join',
    done: 'Your account is ready: sign in with your email address and the password you chose.',
  },
  '/reset-password': {
    title: 'Choose a new password',
    intro: 'Set a new password for your {tenant} account. You will be signed out everywhere.',
    fields: ['password'],
    button: 'Set password',
    done: 'Your password is changed: sign in with it.',
  },
  '/verify-email': {
    title: 'Confirm your email address',
    intro: 'Confirm that this address belongs to your {tenant} account.',
    fields: [],
    button: 'Confirm',
    done: 'Your email address is confirmed.',
  },
} as const;

export type AccountPagePath = keyof typeof ACCOUNT_PAGES;
export const ACCOUNT_PAGE_PATHS = Object.keys(ACCOUNT_PAGES) as AccountPagePath[];

/**
 * No script, no framing, forms only to this origin, nothing loaded from anywhere: the pages
 * hold a one-time token.
 */
export const ACCOUNT_PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
};

export function isAccountPage(path: string): path is AccountPagePath {
  return Object.prototype.hasOwnProperty.call(ACCOUNT_PAGES, path);
}

export interface AccountPageView {
  page: AccountPagePath;
  /** The tenant's display name; absent when the link names no tenant we serve. */
  tenantName?: string;
  /** The link's own parameters, carried on by the form (absent: no form is shown). */
  link?: { tenant: string; token: string };
  /** What the user typed that is safe to show again (never a password). */
  name?: string;
  error?: string;
  done?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const FIELDS = {
  name: `<label for="name">Your name</label>
<input id="name" name="name" autocomplete="name" maxlength="200" value="{name}">`,
  password: `<label for="password">New password (at least 12 characters)</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="256" required>
<label for="confirmPassword">The same password again</label>
<input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" minlength="12" maxlength="256" required>`,
} as const;

export function renderAccountPage(view: AccountPageView): string {
  const def = ACCOUNT_PAGES[view.page];
  const brand = view.tenantName ?? 'Stratum';
  const parts: string[] = [];
  if (view.error) parts.push(`<p class="error" role="alert">${escapeHtml(view.error)}</p>`);
  if (view.done) {
    parts.push(`<p class="done" role="status">${escapeHtml(def.done)}</p>`);
  } else if (view.link && view.tenantName) {
    parts.push(`<p>${escapeHtml(def.intro.replace('{tenant}', view.tenantName))}</p>`);
    const fields = def.fields.map((f) => FIELDS[f].replace('{name}', escapeHtml(view.name ?? '')));
    parts.push(`<form method="post" action="${escapeHtml(view.page.slice(1))}">
<input type="hidden" name="tenant" value="${escapeHtml(view.link.tenant)}">
<input type="hidden" name="token" value="${escapeHtml(view.link.token)}">
${fields.join('\n')}
<button type="submit">${escapeHtml(def.button)}</button>
</form>`);
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(`${def.title} · ${brand}`)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; color: #1d2430; }
label { display: block; margin: .8rem 0 .2rem; }
input { width: 100%; padding: .45rem; box-sizing: border-box; }
button { margin-top: 1rem; padding: .5rem 1.2rem; }
.brand { color: #5b6475; letter-spacing: .02em; }
.error { color: #a40e26; }
.done { color: #0b6b2f; }
</style>
</head>
<body>
<p class="brand">${escapeHtml(brand)}</p>
<h1>${escapeHtml(def.title)}</h1>
${parts.join('\n')}
</body>
</html>
`;
}
