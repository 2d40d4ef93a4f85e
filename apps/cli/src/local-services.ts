import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm start` leaves the addresses of the PostgreSQL and Redis it runs (0600, git-ignored). */
export const LOCAL_SERVICES_FILE = join(resolve('.data'), 'local-services.json');

interface LocalServices {
  DATABASE_URL?: string;
  REDIS_URL?: string;
  pid: number;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Records what `npm start` is running, for the other commands; removed when it stops. */
export function recordLocalServices(services: Omit<LocalServices, 'pid'>): () => void {
  writeFileSync(LOCAL_SERVICES_FILE, JSON.stringify({ ...services, pid: process.pid }), { mode: 0o600 });
  return () => rmSync(LOCAL_SERVICES_FILE, { force: true });
}

/**
 * The environment a command runs with: the process's own, and where it names no database or Redis,
 * those of a running `npm start` in this directory (so `npm run migrate:status` works beside it).
 */
export function withLocalServices(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env.DATABASE_URL || !existsSync(LOCAL_SERVICES_FILE)) return env;
  let found: LocalServices;
  try {
    found = JSON.parse(readFileSync(LOCAL_SERVICES_FILE, 'utf8')) as LocalServices;
  } catch {
    return env;
  }
  if (!found.pid || !found.DATABASE_URL || !alive(found.pid)) return env;
  process.stderr.write(`using the database and Redis of the running \`npm start\` (${LOCAL_SERVICES_FILE})\n`);
  return { ...env, DATABASE_URL: found.DATABASE_URL, REDIS_URL: env.REDIS_URL ?? found.REDIS_URL };
}
