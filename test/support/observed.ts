import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the tests saw of the API (one JSONL file per test process, written by test/support/api.ts),
 * checked at the end of the run against the committed OpenAPI document.
 */

/** One response a test saw from the API. */
export interface Observation {
  method: string;
  path: string;
  status: number;
  code?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function readObservations(dir: string): Observation[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Observation);
}

interface Template {
  path: string;
  pattern: RegExp;
  literals: number;
}

/** The document's path template a concrete path falls under: the most literal one (`/users/me` before `/users/{id}`). */
export function templateMatcher(paths: string[]): (path: string) => string[] {
  const templates: Template[] = paths.map((path) => ({
    path,
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}/?$`),
    literals: path.split('/').filter((s) => s && !s.startsWith('{')).length,
  }));
  return (path) =>
    templates
      .filter((t) => t.pattern.test(path))
      .sort((a, b) => b.literals - a.literals)
      .map((t) => t.path);
}

/**
 * Each `METHOD path status code` seen that the document does not declare for the operation. A
 * request the document has no operation for (a test-only route, a non-API path) is not its
 * concern. An error counts as declared when its status lists its code.
 */
export function undeclared(observations: Observation[], document: any): string[] {
  const match = templateMatcher(Object.keys(document.paths));
  const problems = new Set<string>();
  for (const o of observations) {
    const method = o.method.toLowerCase() as (typeof METHODS)[number];
    if (!METHODS.includes(method)) continue;
    const template = match(o.path).find((t) => document.paths[t][method]);
    if (!template) continue;
    const op = document.paths[template][method];
    const where = `${o.method} ${template} ${o.status} ${o.code ?? '-'}`;
    let response = op.responses[String(o.status)];
    if (response?.$ref) response = document.components.responses[response.$ref.split('/').pop()];
    if (!response) {
      problems.add(where);
      continue;
    }
    if (o.status < 400) continue;
    // An error status the route answers with a body of its own (readiness: 503 with its checks), or
    // in the SCIM error schema (the SCIM service), which has no product code.
    if (!o.code && (response.content?.['application/json'] || response.content?.['application/scim+json'])) continue;
    const schema = response.content?.['application/problem+json']?.schema;
    const codes: string[] = schema?.allOf?.[1]?.properties?.code?.enum ?? [];
    if (!o.code || !codes.includes(o.code)) problems.add(where);
  }
  return [...problems].sort();
}
