import { describe, expect, it } from 'vitest';
import { renderAccountPage } from './account-page';

describe('renderAccountPage', () => {
  const hostile = `"><script>alert(1)</script>&'`;

  it('escapes everything it shows: tenant name, link parameters, typed name, error', () => {
    const html = renderAccountPage({
      page: '/accept-invitation',
      tenantName: hostile,
      link: { tenant: hostile, token: hostile },
      name: hostile,
      error: hostile,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/value="[^"]*"[^ >]/);
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;');
  });

  it('shows a form only with a link and a tenant, and never after success', () => {
    const link = { tenant: 'acme', token: 'pr_x' };
    expect(renderAccountPage({ page: '/reset-password', tenantName: 'Acme', link })).toContain(
      '<form method="post" action="reset-password">',
    );
    expect(renderAccountPage({ page: '/reset-password', link, error: 'No tenant matches' })).not.toContain('<form');
    expect(renderAccountPage({ page: '/reset-password', tenantName: 'Acme', link, done: true })).not.toContain('<form');
  });

  it('asks for a password twice where one is set, and for nothing but a click to verify', () => {
    const link = { tenant: 'acme', token: 'ev_x' };
    const reset = renderAccountPage({ page: '/reset-password', tenantName: 'Acme', link });
    expect(reset.match(/type="password"/g)).toHaveLength(2);
    const verify = renderAccountPage({ page: '/verify-email', tenantName: 'Acme', link });
    expect(verify).not.toContain('type="password"');
    expect(verify).toContain('<button type="submit">Confirm</button>');
  });
});
