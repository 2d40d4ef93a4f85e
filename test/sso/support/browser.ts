import http from 'node:http';
import https from 'node:https';
import { observe } from '../../support/api';

export interface Page {
  url: string;
  status: number;
  location: string | null;
  body: string;
}

/**
 * What a browser does in a sign-in, and no more: GET and form POST, cookies per host (paths
 * ignored), redirects followed one at a time so a test sees every hop. HTTPS requests go through
 * the process's default agent (which trusts the test provider's certificate).
 */
export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  get(url: string): Promise<Page> {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string>): Promise<Page> {
    return this.request('POST', url, new URLSearchParams(form).toString());
  }

  /** Follows redirects from `page` until one leaves for a URL `stop` accepts (not requested), or a page is not a redirect. */
  async follow(page: Page, stop: (url: string) => boolean): Promise<Page> {
    let current = page;
    for (let hops = 0; hops < 20; hops++) {
      if (!current.location || current.status < 300 || current.status >= 400 || stop(current.location)) return current;
      current = await this.get(current.location);
    }
    throw new Error('too many redirects');
  }

  private request(method: string, url: string, form?: string): Promise<Page> {
    const target = new URL(url);
    const cookies = this.jar.get(target.host);
    const headers: Record<string, string> = { 'user-agent': 'stratum-sso-test-browser' };
    if (cookies?.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const send = target.protocol === 'https:' ? https.request : http.request;
    return new Promise<Page>((resolve, reject) => {
      const req = send(target, { method, headers, agent: target.protocol === 'https:' ? undefined : false }, (res) => {
        for (const line of [res.headers['set-cookie'] ?? []].flat()) {
          const [pair] = line.split(';');
          const at = pair.indexOf('=');
          const jar = this.jar.get(target.host) ?? new Map<string, string>();
          if (/expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(pair.slice(0, at));
          else jar.set(pair.slice(0, at), pair.slice(at + 1));
          this.jar.set(target.host, jar);
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString();
          const problem = /problem\+json/.test(res.headers['content-type'] ?? '') ? JSON.parse(body) : undefined;
          observe(method, target, res.statusCode ?? 0, problem);
          resolve({
            url,
            status: res.statusCode ?? 0,
            location: res.headers.location ? new URL(res.headers.location, target).href : null,
            body,
          });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(form);
    });
  }
}

/** The auto-submitting form of a `form_post` answer: where it posts, and its fields. */
export function formOf(page: Page): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
  if (!action) throw new Error(`no form in ${page.url} (${page.status}): ${page.body.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const m of page.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = decodeEntities(m[2]);
  return { action: decodeEntities(action), fields };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
