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

const SCRIPTS = join('deploy', 'postgres');

/** A script of deploy/postgres (app-role.sql, adopt.sql), found from here up (sources and dist/ alike). */
export function operatorScriptPath(name: string, from = __dirname): string {
  const script = join(SCRIPTS, name);
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, script))) return join(dir, script);
    if (dirname(dir) === dir) throw new Error(`${script} not found above ${from}`);
  }
}

/**
 * An operator's script with its psql variables (`:"name"` identifiers, `:'name'` literals) filled
 * in, as `psql -v name=value -f` would, without its comment lines and psql meta-commands: the
 * tests and `npm start` run exactly what the README tells an operator to run.
 */
export function fillPsqlVariables(script: string, values: Record<string, string>): string {
  const value = (name: string) => {
    if (values[name] === undefined) throw new Error(`the script uses an unknown variable ${name}`);
    return values[name];
  };
  return script
    .split('\n')
    .filter((line) => !/^\s*(--|\\)/.test(line))
    .join('\n')
    .replace(/:"([a-z_]+)"/g, (_, name: string) => escapeIdentifier(value(name)))
    .replace(/:'([a-z_]+)'/g, (_, name: string) => escapeLiteral(value(name)));
}

/** The statements of deploy/postgres/app-role.sql for `vars`, one by one. */
export function appRoleStatements(vars: AppRole, script = readFileSync(operatorScriptPath('app-role.sql'), 'utf8')): string[] {
  const values = { app_role: vars.role, app_password: vars.password, app_database: vars.database };
  return fillPsqlVariables(script, values)
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
  return appUrl(serverUrl, vars);
}

function appUrl(serverUrl: string, vars: AppRole): string {
  const url = new URL(withDatabase(serverUrl, vars.database));
  url.username = encodeURIComponent(vars.role);
  url.password = encodeURIComponent(vars.password);
  return url.toString();
}

/**
 * Runs deploy/postgres/adopt.sql as the superuser of `serverUrl` in `database`: what the app made
 * there as another role becomes `role`'s.
 */
export async function adoptDatabase(serverUrl: string, database: string, role: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, database) });
  await client.connect();
  try {
    await client.query(fillPsqlVariables(readFileSync(operatorScriptPath('adopt.sql'), 'utf8'), { app_role: role }));
  } finally {
    await client.end();
  }
}

/**
 * The app role for a development server (`npm start` on its embedded PostgreSQL): created with
 * deploy/postgres/app-role.sql on first use, then handed the database with adopt.sql (a data
 * directory from before, when the app ran as the superuser, keeps working); later, its password is
 * set to `password` again. Answers the URL the app connects with.
 */
export async function ensureAppRole(serverUrl: string, vars: AppRole): Promise<string> {
  const client = new Client({ connectionString: withDatabase(serverUrl, vars.database) });
  await client.connect();
  let exists: boolean;
  try {
    exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [vars.role])).rowCount === 1;
    if (exists) await client.query(`ALTER ROLE ${escapeIdentifier(vars.role)} PASSWORD ${escapeLiteral(vars.password)}`);
  } finally {
    await client.end();
  }
  if (exists) return appUrl(serverUrl, vars);
  const url = await createAppRole(serverUrl, vars);
  await adoptDatabase(serverUrl, vars.database, vars.role);
  return url;
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
