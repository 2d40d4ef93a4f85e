import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';
import { launchChromium } from '../support/browser';

/**
 * Swagger UI as support staff use it: a real browser (Debian's Chromium) on the real API,
 * authorizing with a token and trying a tenant route. Also the OpenAPI
 * document's completeness, which is what makes the UI usable.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  example?: unknown;
  examples?: unknown;
  description?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Operation {
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; example?: unknown; schema?: Schema }[];
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
}

function operations(doc: OpenApi): { route: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );
}

/**
 * A string whose shape the document does not tell: no enum, no format (uuid, date-time, email…).
 * Swagger UI shows such a property's example value as the bare word "string".
 */
function isFreeFormString(schema: Schema): boolean {
  if (schema.$ref || schema.allOf || schema.oneOf || schema.anyOf) return false;
  if (schema.type === 'array') return !!schema.items && isFreeFormString(schema.items);
  const isString = schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
  return isString && !schema.enum && !schema.format;
}
const explained = (s: { example?: unknown; examples?: unknown; description?: string }) =>
  s.example !== undefined || s.examples !== undefined || !!s.description?.trim();

describe('Swagger UI and the OpenAPI document', () => {
  let api: TestApi;
  let doc: OpenApi;
  let tenant: TestTenant;
  let browser: Browser;
  const projectName = `Support check ${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    api = await startApi();
    const res = await api.call<OpenApi>('GET', '/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    tenant = await createTenant(api, await superAdminToken(api));
    const created = await api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name: projectName } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Each launch runs on a fresh temporary profile (user-data-dir), removed when the browser closes.
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('gives every route a tag and a summary', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.filter(({ op }) => !op.tags?.length).map(({ route }) => route)).toEqual([]);
    expect(ops.filter(({ op }) => !op.summary?.trim()).map(({ route }) => route)).toEqual([]);
  });

  it('explains every free-form string of a DTO with an example or a description', () => {
    const missing: string[] = [];
    const visit = (owner: string, schema: Schema) => {
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (isFreeFormString(property) && !explained(property)) missing.push(`${owner}.${name}`);
        if (property.properties) visit(`${owner}.${name}`, property);
      }
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) visit(name, schema);
    // Query DTOs become query parameters.
    for (const { route, op } of operations(doc)) {
      for (const p of op.parameters ?? []) {
        if (p.in === 'query' && p.schema && isFreeFormString(p.schema) && !explained(p) && !explained(p.schema)) {
          missing.push(`${route} ?${p.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('prefills no optional query parameter in Try it out', () => {
    // Swagger UI copies a query parameter's example into the form, so an example on a filter
    // silently narrows the list the user asked for; such examples belong in the description.
    const prefilled = operations(doc).flatMap(({ route, op }) =>
      (op.parameters ?? [])
        .filter((p) => p.in === 'query' && !p.required && (p.example !== undefined || p.schema?.example !== undefined))
        .map((p) => `${route} ?${p.name}`),
    );
    expect(prefilled).toEqual([]);
  });

  it('offers a bearer token or an API key on tenant routes, and X-Tenant as a header of tenant sign-in', () => {
    const schemes = doc.components.securitySchemes;
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    // X-Tenant alone authenticates nothing, so it is no security scheme.
    expect(Object.values(schemes).some((s) => s.name === 'X-Tenant')).toBe(false);
    expect(doc.paths['/api/v1/projects'].get.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/v1/auth/login'].post.parameters).toContainEqual(
      expect.objectContaining({ name: 'X-Tenant', in: 'header', required: true }),
    );
  });

  it('lets support staff authorize with a token, then try GET /api/v1/projects', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${api.url}/docs`);
      await page.locator('.swagger-ui .info .title', { hasText: 'Stratum API' }).waitFor();

      // The Authorize dialog: one form per security scheme.
      await page.locator('.auth-wrapper button.authorize').click();
      const form = (scheme: string) =>
        page
          .locator('.modal-ux .auth-container')
          .filter({ has: page.locator('h4 code', { hasText: new RegExp(`^${scheme}$`) }) });
      await authorize(form('bearer'), tenant.token);
      await page.locator('.modal-ux button.btn-done').first().click();

      const list = page.locator('.opblock-get').filter({ has: page.locator('[data-path="/api/v1/projects"]') });
      await list.locator('.opblock-summary-control').click();
      await list.locator('button.try-out__btn').click();
      await list.locator('button.execute').click();

      const response = list.locator('.live-responses-table .response').first();
      await response.locator('.response-col_status', { hasText: '200' }).waitFor();
      await response.locator('.response-col_description', { hasText: projectName }).waitFor();
      // The request carried the token from the dialog, which names the tenant by itself.
      const curl = (await list.locator('.curl-command').textContent()) ?? '';
      expect(curl).toContain(`Authorization: Bearer ${tenant.token}`);
    } catch (err) {
      throw await withScreenshot(page, err as Error);
    } finally {
      await context.close();
    }
  }, 120_000);
});

async function authorize(form: Locator, value: string): Promise<void> {
  await form.locator('input').first().fill(value);
  await form.locator('button.authorize, button[type=submit]', { hasText: 'Authorize' }).click();
  await form.locator('button', { hasText: 'Logout' }).waitFor();
}

/** Adds a screenshot of the page as it was at the failure to the error message. */
async function withScreenshot(page: Page, err: Error): Promise<Error> {
  const file = join(mkdtempSync(join(tmpdir(), 'stratum-swagger-ui-')), 'failure.png');
  try {
    await page.screenshot({ path: file });
    err.message = `${err.message}\nScreenshot: ${file}`;
  } catch (shotError) {
    err.message = `${err.message}\n(no screenshot: ${(shotError as Error).message})`;
  }
  return err;
}
