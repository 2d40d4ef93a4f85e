import type { MailJob } from '../mail-job';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Characters that start lines or reorder text: C0/C1 controls, line separators, bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LAYOUT = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]+/g;

/**
 * Text someone typed (a tenant name, a person's name, a reason), made inert for an email: on one
 * line, with no control or bidi characters, and unable to form a link in any client (the dots
 * of host names and the `://` of schemes are replaced by look-alikes that link nowhere).
 */
export function inert(text: string, max = 200): string {
  let t = text.replace(LAYOUT, ' ').replace(/\s+/g, ' ').trim();
  if (t.length > max) t = `${t.slice(0, max - 1)}\u2026`;
  return t.replace(/\.(?=\S)/g, '\u2024').replace(/:\/\//g, ':\u2215\u2215');
}

/** Someone's words inside a sentence: inert, and quoted so they never read as the email's own text. */
export function quoted(text: string, max = 200): string {
  return `\u201C${inert(text, max)}\u201D`;
}

interface Parts {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

/** One layout for every message: plain text and a simple, inline-styled HTML version. */
function compose(p: Parts): RenderedMail {
  const text = [
    p.heading,
    '',
    ...p.paragraphs.flatMap((para) => [para, '']),
    ...(p.action ? [`${p.action.label}: ${p.action.url}`, ''] : []),
    '--',
    p.footer,
  ].join('\n');
  const html = `<!doctype html>
<html><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escape(p.heading)}</h1>
${p.paragraphs.map((para) => `<p style="line-height:1.5">${escape(para)}</p>`).join('\n')}
${
  p.action
    ? `<p><a href="${escape(p.action.url)}" style="display:inline-block;background:#2563eb;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escape(p.action.label)}</a></p>
<p style="font-size:12px;color:#52606d">Or open this link: ${escape(p.action.url)}</p>`
    : ''
}
<hr style="border:none;border-top:1px solid #e4e7eb"><p style="font-size:12px;color:#52606d">${escape(p.footer)}</p>
</body></html>`;
  return { subject: p.subject, text, html };
}

const when = (iso: string) => new Date(iso).toUTCString();

export function render(job: MailJob): RenderedMail {
  return renderSafe({ ...job, tenantName: inert(job.tenantName) } as MailJob);
}

function renderSafe(job: MailJob): RenderedMail {
  const footer = `Sent by Stratum on behalf of ${job.tenantName}. If you did not expect this email, you can ignore it.`;
  switch (job.template) {
    case 'invitation':
      return compose({
        subject: `You are invited to ${job.tenantName}`,
        heading: `Join ${job.tenantName}`,
        paragraphs: [
          `${job.data.inviterName ? quoted(job.data.inviterName) : 'An administrator'} invited you to ${job.tenantName}.`,
          `Choose a password to activate your account. The link works once and expires ${when(job.data.expiresAt)}.`,
        ],
        action: { label: 'Accept the invitation', url: job.data.link },
        footer,
      });
    case 'password-reset':
      return compose({
        subject: `Reset your ${job.tenantName} password`,
        heading: 'Reset your password',
        paragraphs: [
          `Someone asked to reset the password of your ${job.tenantName} account.`,
          `The link works once and expires ${when(job.data.expiresAt)}. Resetting signs you out everywhere.`,
        ],
        action: { label: 'Choose a new password', url: job.data.link },
        footer,
      });
    case 'verify-email':
      return compose({
        subject: `Confirm your email for ${job.tenantName}`,
        heading: 'Confirm your email address',
        paragraphs: [`Confirm that this address belongs to you. The link expires ${when(job.data.expiresAt)}.`],
        action: { label: 'Confirm my email', url: job.data.link },
        footer,
      });
    case 'security-alert': {
      const what =
        job.data.event === 'account-locked'
          ? `Your ${job.tenantName} account was locked after repeated failed sign-in attempts${job.data.lockedUntil ? ` until ${when(job.data.lockedUntil)}` : ''}.`
          : `A sign-in token of your ${job.tenantName} account was used twice, which suggests it was stolen. We signed that session out.`;
      return compose({
        subject: `Security alert for your ${job.tenantName} account`,
        heading: 'Security alert',
        paragraphs: [
          what,
          `When: ${when(job.data.at)}${job.data.ip ? `, from IP address ${job.data.ip}` : ''}.`,
          'If this was not you, change your password and tell your administrator.',
        ],
        footer,
      });
    }
    case 'impersonation-started':
      return compose({
        subject: `Support access to ${job.tenantName}: ${job.data.staffEmail} is acting as ${job.data.userEmail}`,
        heading: 'Platform support is acting as one of your users',
        paragraphs: [
          `${job.data.staffEmail} of the platform support team started acting as ${job.data.userEmail} in ${job.tenantName} at ${when(job.data.startedAt)}.`,
          `Reason given: ${quoted(job.data.reason, 1000)}`,
          job.data.mode === 'read'
            ? 'Mode: read only. Support can look at what this user sees but cannot change anything.'
            : 'Mode: read and limited write. Support can also edit projects and documents and retry webhook deliveries as this user; users, roles, API keys, webhooks, SSO and settings stay closed to them.',
          `The access ends at ${when(job.data.expiresAt)} at the latest. Every request made during it is in your audit log with the support person named. You can change whether support may do this in your tenant settings (supportAccess).`,
        ],
        footer,
      });
    case 'webhook-endpoint-disabled':
      return compose({
        subject: `A ${job.tenantName} webhook endpoint was disabled`,
        heading: 'Webhook endpoint disabled',
        paragraphs: [
          `We stopped sending events to ${job.data.url} (endpoint ${job.data.endpointId}) on ${when(job.data.disabledAt)}: ${job.data.reason}.`,
          'Its events are no longer delivered. Once the receiver works again, enable the endpoint (PATCH /api/v1/webhooks/endpoints/:id with enabled true) and send what it missed with POST /api/v1/webhooks/endpoints/:id/recover.',
        ],
        footer,
      });
  }
}
