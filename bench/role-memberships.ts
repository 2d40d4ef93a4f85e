import { quoteIdent } from '@stratum/common';
import { createAppRole, ensureDatabase, startEmbeddedPostgres, withDatabase } from '@stratum/devenv';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { machineFacts, writeResults } from './run-support';

/**
 * What the app's role (deploy/postgres/app-role.sql, not a superuser) pays for being a member of
 * every tenant role, against a superuser: creating and granting tenant roles as the tenant count
 * grows, `SET LOCAL ROLE` per transaction, and the first `SET ROLE` of a connection after a
 * membership change. Only roles are made (no schemas): `npm run bench:roles -- --roles=10000`.
 * Uses DATABASE_URL's server when set (a database and roles of its own, dropped after), else an
 * embedded PostgreSQL.
 */
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ROLES = arg('roles', 10_000);
const STEP = arg('step', 500);
const TRANSACTIONS = arg('transactions', 2_000);
const say = (line: string) => process.stdout.write(`[bench:roles] ${line}\n`);

async function main(): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  const dataDir = join(tmpdir(), `stratum-bench-roles-${runId}`);
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dataDir, say, { persistent: false });
  const serverUrl = process.env.DATABASE_URL ?? embedded!.url;
  const database = `stratum_bench_roles_${runId}`;
  const role = `stratum_app_bench_${runId}`;
  const prefix = `t_bench_${runId}_`;
  const tenantRole = (n: number | string) => quoteIdent(`${prefix}${n}`);
  const superuser = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await superuser.connect();
  let app: Client | undefined;
  try {
    await ensureDatabase(serverUrl, database);
    const appUrl = await createAppRole(serverUrl, { role, password: randomBytes(12).toString('hex'), database });
    app = new Client({ connectionString: appUrl });
    await app.connect();
    const version = (await superuser.query('SHOW server_version')).rows[0].server_version as string;
    say(`PostgreSQL ${version}: ${ROLES} tenant roles made by ${role}, in steps of ${STEP}`);

    // The statements provisioning runs for a tenant's role (tenantSchemaPreamble), as the app's role.
    const steps: { roles: number; msPerRole: number }[] = [];
    for (let made = 0; made < ROLES; made += STEP) {
      const n = Math.min(STEP, ROLES - made);
      const sql = Array.from(
        { length: n },
        (_, i) => `CREATE ROLE ${tenantRole(made + i)} NOLOGIN NOINHERIT; GRANT ${tenantRole(made + i)} TO CURRENT_USER`,
      );
      const started = process.hrtime.bigint();
      await app.query(sql.join(';'));
      const msPerRole = Number(process.hrtime.bigint() - started) / 1e6 / n;
      steps.push({ roles: made + n, msPerRole: Math.round(msPerRole * 100) / 100 });
      say(`${made + n} roles: ${msPerRole.toFixed(2)} ms per role`);
    }

    const setRole = async (client: Client) => {
      const started = process.hrtime.bigint();
      for (let k = 0; k < TRANSACTIONS; k++)
        await client.query(`BEGIN; SET LOCAL ROLE ${tenantRole((k * 7919) % ROLES)}; SELECT 1; COMMIT`);
      return Math.round(Number(process.hrtime.bigint() - started) / 1e3 / TRANSACTIONS);
    };
    await setRole(superuser);
    await setRole(app); // warm
    const perTransactionUs = { superuser: await setRole(superuser), appRole: await setRole(app) };
    say(
      `a transaction with SET LOCAL ROLE: ${perTransactionUs.superuser} µs as a superuser, ${perTransactionUs.appRole} µs as the app role`,
    );

    // Another tenant's role appears: the app role's connection rebuilds its membership list once.
    await superuser.query(`CREATE ROLE ${tenantRole('new')} NOLOGIN; GRANT ${tenantRole('new')} TO ${quoteIdent(role)}`);
    const started = process.hrtime.bigint();
    await app.query(`BEGIN; SET LOCAL ROLE ${tenantRole(1)}; SELECT 1; COMMIT`);
    const firstAfterChangeMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
    say(`first SET ROLE after a membership change: ${firstAfterChangeMs} ms`);

    const file = writeResults('roles', {
      machine: machineFacts(),
      postgres: version,
      roles: ROLES,
      steps,
      perTransactionUs,
      firstAfterChangeMs,
    });
    say(`results in ${file}`);
  } finally {
    await app?.end().catch(() => undefined);
    await superuser.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`).catch(() => undefined);
    const { rows } = await superuser.query('SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)', [prefix]);
    for (let i = 0; i < rows.length; i += 500)
      await superuser.query(
        rows
          .slice(i, i + 500)
          .map((r) => `DROP ROLE ${quoteIdent(r.rolname)}`)
          .join(';'),
      );
    await superuser.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
    await superuser.end();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
