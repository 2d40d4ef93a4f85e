import { loadConfig } from '@stratum/config';
import { ensureAppRole, ensureDatabase, ensureLocalServices } from '@stratum/devenv';
import { ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bootstrapDemo, DemoAccounts } from './demo-bootstrap';
import { migrate } from './migrate.command';
import { recordLocalServices } from './local-services';
import { openMigrationContext } from './migration-context';

const DATA_DIR = resolve('.data');
const CREDENTIALS = join(DATA_DIR, 'demo-credentials.json');
const out = (line: string) => process.stdout.write(`[stratum] ${line}\n`);

/** The embedded server's app role password, generated once and kept beside its data (0600, git-ignored). */
function appRolePassword(): string {
  const file = join(DATA_DIR, 'pg-app-role.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { password?: string }).password : undefined;
  const password = stored || randomBytes(18).toString('base64url');
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify({ password }), { mode: 0o600 });
  return password;
}

/** Generated development credentials are kept (0600, git-ignored) so a restart prints the same ones. */
function demoAccounts(env: NodeJS.ProcessEnv): DemoAccounts {
  const stored: Partial<DemoAccounts> = existsSync(CREDENTIALS) ? JSON.parse(readFileSync(CREDENTIALS, 'utf8')) : {};
  const secret = (existing?: string) => existing || randomBytes(12).toString('base64url');
  const email = env.SUPERADMIN_EMAIL || stored.superAdmin?.email || 'admin@stratum.local';
  const accounts: DemoAccounts = {
    superAdmin: {
      email,
      password: env.SUPERADMIN_PASSWORD || secret(stored.superAdmin?.email === email ? stored.superAdmin?.password : undefined),
    },
  };
  if (env.DEMO_TENANT !== 'false') {
    accounts.demoTenant = {
      slug: 'demo',
      email: stored.demoTenant?.email ?? 'admin@demo.local',
      password: secret(stored.demoTenant?.password),
    };
  }
  const toStore: DemoAccounts = {
    superAdmin: env.SUPERADMIN_PASSWORD ? { email, password: stored.superAdmin?.password ?? '' } : accounts.superAdmin,
    demoTenant: accounts.demoTenant,
  };
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(CREDENTIALS, JSON.stringify(toStore, null, 2), { mode: 0o600 });
  return accounts;
}

async function waitForReady(url: string, child: ChildProcess, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('the API exited during start-up (see its log above)');
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API did not become ready at ${url}`);
}

/**
 * `npm start`: PostgreSQL and Redis (from the environment, else embedded), migrations, the super
 * admin and a demo tenant, then the API and the worker as two processes.
 */
export async function startCommand(): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const services = await ensureLocalServices({
    dataDir: DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    log: out,
  });
  if (services.embeddedPostgres) {
    await ensureDatabase(services.postgresUrl, 'stratum');
    // As in production, the app connects as its own role, not as the superuser (README: Database role).
    env.DATABASE_URL = await ensureAppRole(services.postgresUrl, {
      role: 'stratum_app',
      password: appRolePassword(),
      database: 'stratum',
    });
    out(`PostgreSQL: embedded, data in ${DATA_DIR}, the app connecting as stratum_app`);
  } else {
    out('PostgreSQL: DATABASE_URL');
  }
  env.REDIS_URL = services.redisUrl;
  out(services.localRedis ? `Redis: local redis-server at ${services.redisUrl}` : 'Redis: REDIS_URL');
  mkdirSync(DATA_DIR, { recursive: true });
  // What this start runs itself, other commands find (`npm run migrate:status` beside it).
  const forget =
    services.embeddedPostgres || services.localRedis
      ? recordLocalServices({
          DATABASE_URL: services.embeddedPostgres ? env.DATABASE_URL : undefined,
          REDIS_URL: services.localRedis ? env.REDIS_URL : undefined,
        })
      : () => undefined;

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    out('stopping…');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((done) => {
            if (c.exitCode !== null) return done();
            const kill = setTimeout(() => c.kill('SIGKILL'), 15_000);
            c.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    forget();
    await services.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const accounts = demoAccounts(env);
    env.SUPERADMIN_EMAIL = accounts.superAdmin.email;
    env.SUPERADMIN_PASSWORD = accounts.superAdmin.password;
    const config = loadConfig(env);
    // Emailed links open the API's account pages: on the port this start listens on, whatever it is.
    env.PUBLIC_API_URL ??= `http://localhost:${config.PORT}`;

    const ctx = await openMigrationContext(config);
    try {
      if (!(await migrate(ctx.runner))) throw new Error('migrations failed');
    } finally {
      await ctx.close();
    }
    const boot = await bootstrapDemo(config, accounts);

    let workerHealthPort: (port: number) => void = () => undefined;
    const workerPort = new Promise<number>((resolve) => (workerHealthPort = resolve));
    for (const app of ['api', 'worker']) {
      // The worker tells its health port over IPC (with WORKER_HEALTH_PORT=0 it is any free one).
      const stdio: StdioOptions = app === 'worker' ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit';
      const child = spawn(process.execPath, [join(__dirname, `../../${app}/src/main.js`)], { env, stdio });
      child.on('message', (m: { workerHealthPort?: unknown }) => {
        if (typeof m?.workerHealthPort === 'number') workerHealthPort(m.workerHealthPort);
      });
      child.once('exit', (code) => {
        if (!stopping) {
          out(`${app} exited (${code ?? 'signal'}); stopping everything`);
          void stopAll(1);
        }
      });
      children.push(child);
    }
    const base = `http://127.0.0.1:${config.PORT}`;
    await waitForReady(`${base}/health/ready`, children[0]);
    const workerHealth = await Promise.race([
      workerPort,
      new Promise<never>((_, fail) => children[1].once('exit', () => fail(new Error('the worker exited during start-up')))),
    ]);

    const superAdminPassword = process.env.SUPERADMIN_PASSWORD ? '(SUPERADMIN_PASSWORD)' : accounts.superAdmin.password;
    out('');
    out(`API         http://localhost:${config.PORT}/api/v1`);
    out(`Swagger UI  http://localhost:${config.PORT}/docs`);
    out(`Queues      http://localhost:${config.PORT}/admin/queues (platform staff)`);
    out(`Worker      http://localhost:${workerHealth}/health/ready`);
    out(`Super admin ${accounts.superAdmin.email} / ${superAdminPassword}  -> POST /api/v1/platform/auth/login`);
    if (accounts.demoTenant) {
      out(
        `Demo tenant "${accounts.demoTenant.slug}": ${accounts.demoTenant.email} / ${accounts.demoTenant.password}${boot.demoCreated ? ' (created)' : ''}  -> POST /api/v1/auth/login with X-Tenant: ${accounts.demoTenant.slug}`,
      );
    }
    out(`Credentials are kept in ${CREDENTIALS}. Ctrl+C stops everything.`);
    return await new Promise<number>(() => undefined);
  } catch (err) {
    out(`start failed: ${(err as Error).message}`);
    await stopAll(1);
    return 1;
  }
}
