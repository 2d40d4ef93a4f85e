import { SingleBar, Presets } from 'cli-progress';
import type { MigrationRunner, TenantRunResult } from '@stratum/tenancy';
import { CommandSpec, confirm, OptionSpec, requireKnownTenants, tenantList, UsageError, usageOf, Values } from './cli-args';
import { openMigrationContext } from './migration-context';

const out = (line: string) => process.stdout.write(`${line}\n`);

function progress(total: number, label: string) {
  if (total === 0) return { update: () => undefined, stop: () => undefined };
  if (!process.stdout.isTTY) {
    let last = 0;
    return {
      update: (done: number) => {
        // Without a terminal: a line every 10%.
        const step = Math.floor((done / total) * 10);
        if (step > last || done === total) {
          last = step;
          out(`${label}: ${done}/${total}`);
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} tenants | {eta_formatted} left` },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done: number) => bar.update(done), stop: () => bar.stop() };
}

function summarise(results: TenantRunResult[]): boolean {
  const count = (status: TenantRunResult['status']) => results.filter((r) => r.status === status).length;
  const failed = results.filter((r) => r.status === 'failed');
  for (const r of results.filter((r) => r.status === 'migrated' || r.status === 'reverted')) {
    out(`  ${r.status.padEnd(9)} ${r.slug.padEnd(30)} ${r.migrations.join(', ')} (${r.ms} ms)`);
  }
  for (const r of failed) out(`  FAILED    ${r.slug.padEnd(30)} ${r.error}`);
  out(
    `tenants: ${results.length} | migrated ${count('migrated')} | reverted ${count('reverted')} | up to date ${count('up-to-date')} | failed ${failed.length}`,
  );
  return failed.length === 0;
}

/** Platform first, then every tenant; exit code 1 when any tenant failed (run again to resume). */
export async function migrate(runner: MigrationRunner, only?: string[]): Promise<boolean> {
  const started = Date.now();
  const platform = await runner.migratePlatform();
  out(platform.length ? `platform: applied ${platform.join(', ')}` : 'platform: up to date');
  const states = await runner.tenantStatus(only);
  // Progress counts the tenants that have something to apply; the rest are checked instantly.
  const behind = new Set(states.filter((s) => s.pending.length).map((s) => s.tenantId));
  const bar = progress(behind.size, 'tenants');
  let migrated = 0;
  const results = await runner.migrateTenants({
    only,
    onResult: (r) => {
      if (behind.has(r.tenantId)) bar.update(++migrated);
    },
  });
  bar.stop();
  const ok = summarise(results);
  out(`done in ${((Date.now() - started) / 1000).toFixed(2)} s`);
  return ok;
}

const TENANTS: OptionSpec = { type: 'string', value: 'slug,...', description: 'only these tenants (slugs or ids)' };

export const MIGRATE: CommandSpec = {
  name: 'migrate',
  summary: 'Applies pending platform migrations, then pending tenant migrations of every tenant (or --tenants).',
  options: {
    tenants: TENANTS,
    'dry-run': { type: 'boolean', description: 'show what would be applied, apply nothing' },
  },
};

export const STATUS: CommandSpec = {
  name: 'migrate:status',
  summary: 'Shows pending migrations of the platform and of each tenant (or --tenants). Changes nothing.',
  options: { tenants: TENANTS },
};

export const REVERT: CommandSpec = {
  name: 'migrate:revert',
  summary:
    'Reverts the latest tenant migration of every tenant (or --tenants), or with --platform the latest platform migration. Shows what it will do and needs --yes (or "yes" typed at a terminal).',
  options: {
    tenants: TENANTS,
    platform: { type: 'boolean', description: 'revert the latest platform migration instead' },
    yes: { type: 'boolean', short: 'y', description: 'go ahead without asking' },
    'dry-run': { type: 'boolean', description: 'show what would be reverted, revert nothing' },
  },
};

export async function migrateCommand(values: Values): Promise<number> {
  const only = tenantList(values, MIGRATE);
  const ctx = await openMigrationContext();
  try {
    const states = await ctx.runner.tenantStatus(only);
    requireKnownTenants(only, states);
    if (values['dry-run']) {
      const platform = await ctx.runner.platformStatus();
      out(`platform: ${platform.pending.length ? `would apply ${platform.pending.join(', ')}` : 'up to date'}`);
      const behind = states.filter((s) => s.pending.length);
      for (const s of behind) out(`  ${s.slug.padEnd(30)} would apply: ${s.pending.join(', ')}`);
      out(`tenants: ${states.length} | would migrate ${behind.length} | dry run, nothing applied`);
      return 0;
    }
    return (await migrate(ctx.runner, only)) ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

export async function statusCommand(values: Values): Promise<number> {
  const only = tenantList(values, STATUS);
  const ctx = await openMigrationContext();
  try {
    const platform = await ctx.runner.platformStatus();
    out(
      `platform: ${platform.applied.length} applied, ${platform.pending.length} pending${platform.pending.length ? ` (${platform.pending.join(', ')})` : ''}`,
    );
    if (platform.applied.length === 0) return 0;
    const states = await ctx.runner.tenantStatus(only);
    requireKnownTenants(only, states);
    const behind = states.filter((s) => s.pending.length);
    for (const s of behind) out(`  ${s.slug.padEnd(30)} pending: ${s.pending.join(', ')}`);
    out(`tenants: ${states.length} | up to date ${states.length - behind.length} | pending ${behind.length}`);
    return 0;
  } finally {
    await ctx.close();
  }
}

/** Reverts the latest tenant migration (`--tenants=a,b` to limit), or with `--platform` the latest platform one. */
export async function revertCommand(values: Values): Promise<number> {
  const only = tenantList(values, REVERT);
  if (values.platform && only) throw new UsageError('--platform and --tenants cannot be combined', usageOf(REVERT));
  const ctx = await openMigrationContext();
  try {
    if (values.platform) {
      const platform = await ctx.runner.platformStatus();
      const latest = platform.applied[platform.applied.length - 1];
      if (!latest) {
        out('platform: nothing to revert');
        return 0;
      }
      const plan = [`would revert the platform migration ${latest}`];
      if (values['dry-run']) return (plan.forEach((l) => out(l)), 0);
      if (!(await confirm(plan, !!values.yes))) return (out('nothing was changed'), 1);
      const reverted = await ctx.runner.revertPlatform();
      out(reverted ? `platform: reverted ${reverted}` : 'platform: nothing to revert');
      return 0;
    }
    const states = await ctx.runner.tenantStatus(only);
    requireKnownTenants(only, states);
    const touched = states.filter((s) => s.applied.length);
    const plan = [
      ...touched.map((s) => `  ${s.slug.padEnd(30)} would revert ${s.applied[s.applied.length - 1]}`),
      `would revert the latest migration of ${touched.length} tenant${touched.length === 1 ? '' : 's'}${only ? '' : ' (every tenant: no --tenants given)'}`,
    ];
    if (values['dry-run']) return (plan.forEach((l) => out(l)), 0);
    if (!touched.length) return (out('nothing to revert'), 0);
    if (!(await confirm(plan, !!values.yes))) return (out('nothing was changed'), 1);
    const bar = progress(states.length, 'revert');
    const results = await ctx.runner.revertTenants({ only, onResult: (_r, done) => bar.update(done) });
    bar.stop();
    return summarise(results) ? 0 : 1;
  } finally {
    await ctx.close();
  }
}
