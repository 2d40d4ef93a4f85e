import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { withDatabase } from './local-services';

/** The login role the API, the worker and the migrations use, as deploy/postgres/app-role.sql creates it. */
export interface AppRole {
  role: string;
  password: string;
  /** The database it works in (which must exist). */
  database: string;
}

const SCRIPT = join('deploy', 'postgres', 'app-role.sql');

/** deploy/postgres/app-role.sql, found from here up (sources and dist/ alike). */
export function appRoleScriptPath(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, SCRIPT))) return join(dir, SCRIPT);
    if (dirname(dir) === dir) throw new Error(`${SCRIPT} not found above ${from}`);
  }
}

/**
 * The statements of the operator's script with its psql variables (`:"name"` identifiers,
 * `:'name'` literals) filled in, as `psql -v name=value -f` would: the tests and `npm start` run
 * exactly what the README tells an operator to run.
 */
export function appRoleStatements(vars: AppRole, script = readFileSync(appRoleScriptPath(), 'utf8')): string[] {
  const values: Record<string, string> = { app_role: vars.role, app_password: vars.password, app_database: vars.database };
  const value = (name: string) => {
    if (values[name] === undefined) throw new Error(`${SCRIPT} uses an unknown variable ${name}`);
    return values[name];
  };
  const sql = script
    .split('\n')
    .filter((line) => !/^\s*(--|\\)/.test(line))
    .join('\n')
    .replace(/:"([a-z_]+)"/g, (_, name: string) => escapeIdentifier(value(name)))
    .replace(/:'([a-z_]+)'/g, (_, name: string) => escapeLiteral(value(name)));
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter(Boolean);
}

/**
 * Runs the operator's script as the superuser of `serverUrl` in `vars.database`; answers the
 * URL the app connects with as that role. With `roleExists` (a second database on a server
 * where the script ran already), only the script's grants run.
 */
export async function createAppRole(serverUrl: string, vars: AppRole, options: { roleExists?: boolean } = {}): Promise<string> {
  const client = new Client({ connectionString: withDatabase(serverUrl, vars.database) });
  await client.connect();
  try {
    for (const statement of appRoleStatements(vars)) {
      if (options.roleExists && /^CREATE ROLE /i.test(statement)) continue;
      await client.query(statement);
    }
  } finally {
    await client.end();
  }
  const url = new URL(withDatabase(serverUrl, vars.database));
  url.username = encodeURIComponent(vars.role);
  url.password = encodeURIComponent(vars.password);
  return url.toString();
}

/** Drops the app role (its databases and the tenant roles it created must be gone already). */
export async function dropAppRole(serverUrl: string, role: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
  } finally {
    await client.end();
  }
}
