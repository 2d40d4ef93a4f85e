import { describe, expect, it } from 'vitest';
import { inert, quoted, render } from './render';

const LINK = 'http://app.stratum.test/accept-invitation?tenant=acme&token=inv_abc';
const HOSTILE =
  'Eve\r\n\r\nYour account will be closed. Keep it here: https://evil.example/login\r\n\u202Eecnalab\u202C\tand www.evil.example\u2028Thanks';

const invitation = (inviterName: string, tenantName = 'Acme') =>
  render({
    template: 'invitation',
    to: 'grace@acme.test',
    tenantName,
    data: { inviterName, link: LINK, expiresAt: '2030-01-01T00:00:00.000Z' },
  });

describe('mail rendering of what users typed', () => {
  it('keeps a hostile name on one quoted line of the sentence it belongs to, in the text part', () => {
    const benign = invitation('Eve Adams');
    const mail = invitation(HOSTILE, `Acme\r\nhttps://evil.example`);
    expect(mail.text.split('\n')).toHaveLength(benign.text.split('\n').length);
    const line = mail.text.split('\n').find((l) => l.includes('invited you to'))!;
    expect(line).toMatch(/^\u201CEve Your account will be closed\. Keep it here: https:\u2215\u2215evil\u2024example\u2215?/);
    expect(line).toContain('\u201D invited you to Acme https:\u2215\u2215evil\u2024example.');
    // The only link in the message is the product's own.
    expect(mail.text.match(/https?:\/\/\S+/g)).toEqual([LINK]);
    expect(mail.text).not.toMatch(/www\.|evil\.example|[\r\t\u2028\u202A-\u202E\u2066-\u2069]/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('escapes and defuses the same name in the HTML part: no extra paragraph, no link', () => {
    const benign = invitation('Eve Adams');
    const mail = invitation(`${HOSTILE}<a href="https://evil.example">click</a>`);
    expect(mail.html.match(/<p\b/g)).toHaveLength(benign.html.match(/<p\b/g)!.length);
    expect(mail.html.match(/<a\b/g)).toHaveLength(1);
    expect(mail.html.match(/https?:\/\/[^\s"<]+/g)?.every((url) => url.startsWith(LINK.replace(/&/g, '&amp;')))).toBe(true);
    expect(mail.html).not.toMatch(/evil\.example|[\r\t\u2028\u202A-\u202E\u2066-\u2069]/);
    expect(mail.html).toContain(
      '&lt;a href=&quot;https:\u2215\u2215evil\u2024example&quot;&gt;click&lt;\u2215a&gt;'.replace('\u2215a', '/a'),
    );
  });

  it('leaves ordinary names readable', () => {
    expect(quoted('Ada Lovelace')).toBe('\u201CAda Lovelace\u201D');
    expect(inert('Dr. J.R. Smith')).toBe('Dr. J\u2024R. Smith');
    expect(inert('x'.repeat(300))).toHaveLength(200);
  });
});
