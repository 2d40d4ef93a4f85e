import { quoteIdent } from '@stratum/common';
import { DatabaseClusters, SqlSample, sqlSampledMethods } from '@stratum/database';
import { Tenant, TenantProvisioner } from '@stratum/tenancy';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { asAppRole } from '../support/config';
import { uniqueSlug } from '../support/fixtures';

const ROOT = resolve(__dirname, '../..');
const UPDATE = !!process.env.UPDATE_SQL;
/** Transaction control the recording leaves out: it belongs to the unit of work, not to the query. */
const CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b/i;

/** Every `*.repository.ts` under libs/ and apps/. */
function repositoryFiles(dir = ROOT, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === ROOT && !['libs', 'apps'].includes(entry.name)) continue;
      repositoryFiles(path, found);
    } else if (entry.name.endsWith('.repository.ts')) found.push(path);
  }
  return found.sort();
}

/** Every committed `queries/*.sql` under libs/ and apps/. */
function committedSqlFiles(): string[] {
  const walk = (dir: string, found: string[]): string[] => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, found);
      else if (basename(dir) === 'queries' && entry.name.endsWith('.sql')) found.push(path);
    }
    return found;
  };
  return [...walk(join(ROOT, 'libs'), []), ...walk(join(ROOT, 'apps'), [])].sort();
}

const sqlFileOf = (file: string) => join(dirname(file), 'queries', `${basename(file, '.ts')}.sql`);

/** The statement as written in the repository, without the indentation of the code around it. */
function tidy(sql: string, schema: string): string {
  const lines = sql
    .split(schema)
    .join('<tenant>')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indent = (l: string) => l.length - l.trimStart().length;
  // A statement begun right after the backtick has its first line unindented: dedent the rest on their own.
  const [first, ...rest] = lines;
  const body = indent(first) > 0 ? lines : rest;
  const min = Math.min(...body.filter((l) => l.trim()).map(indent));
  const dedented = body.map((l) => l.slice(Number.isFinite(min) ? min : 0));
  const text = (indent(first) > 0 ? dedented : [first, ...dedented]).join('\n');
  return text.endsWith(';') ? text : `${text};`;
}

type Repository = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * The SQL of every repository query is committed beside it (`<feature>/queries/<file>.sql`), so
 * every query change shows in review. Each method decorated with @GenerateSql runs with its
 * samples against a scratch tenant provisioned by the real migrations, as that tenant's role
 * (or the app's own, where the sample says so), in a transaction rolled back afterwards: SQL that
 * PostgreSQL refuses fails here. `npm run sql` rewrites the files.
 */
describe('SQL of the repositories', () => {
  let api: TestApi;
  let tenant: Tenant;

  beforeAll(async () => {
    api = await startApi(asAppRole());
    tenant = await api.app.get(TenantProvisioner).provision({ slug: uniqueSlug('sql'), name: 'SQL samples', plan: 'enterprise' });
  });

  afterAll(async () => {
    if (tenant) await api.app.get(TenantProvisioner).purge(tenant);
    await api?.close();
  });

  async function run(repository: Repository, method: string, sample: SqlSample): Promise<string[]> {
    const qr: QueryRunner = api.app.get(DatabaseClusters).main.createQueryRunner();
    await qr.connect();
    const recorded: string[] = [];
    let recording = false;
    const query = qr.query.bind(qr);
    qr.query = ((sql: string, params?: unknown[], structured?: boolean) => {
      if (recording && !CONTROL.test(sql)) recorded.push(sql);
      return query(sql, params, structured as never);
    }) as QueryRunner['query'];
    try {
      await qr.startTransaction();
      if (sample.role !== 'app') await qr.query(`SET LOCAL ROLE ${quoteIdent(tenant.roleName)}`);
      await qr.query(`SET LOCAL search_path TO ${quoteIdent(tenant.schemaName)}`);
      const ctx = { em: qr.manager, schema: tenant.schemaName };
      const params = typeof sample.params === 'function' ? await sample.params(ctx) : (sample.params ?? []);
      recording = true;
      await repository[method](qr.manager, ...params);
      recording = false;
    } finally {
      await qr.rollbackTransaction().catch(() => undefined);
      await qr.release();
    }
    return recorded;
  }

  it('matches the SQL committed beside each repository, and every repository method declares its samples', async () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(0);
    const undeclared: string[] = [];
    const stale: string[] = [];
    const expected = new Map<string, string>();
    for (const file of files) {
      const module = (await import(file)) as Record<string, unknown>;
      const classes = Object.values(module).filter(
        (v): v is abstract new () => unknown => typeof v === 'function' && /^class\s/.test(Function.prototype.toString.call(v)),
      );
      const sections: string[] = [];
      for (const cls of classes) {
        const sampled = sqlSampledMethods().filter((m) => m.target === cls);
        const methods = Object.getOwnPropertyNames(cls.prototype).filter(
          (name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(cls.prototype, name)?.value === 'function',
        );
        for (const name of methods)
          if (!sampled.some((m) => m.method === name)) undeclared.push(`${relative(ROOT, file)}: ${cls.name}.${name}`);
        const repository = new (cls as unknown as new () => Repository)();
        for (const { method, samples } of sampled) {
          for (const sample of samples) {
            const title = `${cls.name}.${method}${sample.name ? ` (${sample.name})` : ''}`;
            const statements = await run(repository, method, sample).catch((err: Error) => {
              throw new Error(`${title}: ${err.message}`);
            });
            expect(statements.length, `${title} ran no SQL`).toBeGreaterThan(0);
            sections.push(`-- ${title}\n${statements.map((s) => tidy(s, tenant.schemaName)).join('\n\n')}`);
          }
        }
      }
      const header = `-- The SQL of ${basename(file)}, as its methods run it on sample values.\n-- Generated by \`npm run sql\`: do not edit.`;
      expected.set(sqlFileOf(file), `${[header, ...sections].join('\n\n')}\n`);
    }
    for (const file of committedSqlFiles()) if (!expected.has(file)) stale.push(file);

    expect(undeclared, 'repository methods without @GenerateSql').toEqual([]);
    if (UPDATE) {
      for (const file of stale) rmSync(file);
      for (const [file, text] of expected) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
      return;
    }
    expect
      .soft(
        stale.map((f) => relative(ROOT, f)),
        'queries/*.sql without a repository (npm run sql removes them)',
      )
      .toEqual([]);
    for (const [file, text] of expected) {
      const committed = existsSync(file) ? readFileSync(file, 'utf8') : null;
      expect.soft(committed, `${relative(ROOT, file)} is not what the repository runs: npm run sql rewrites it`).toBe(text);
    }
  });
});
