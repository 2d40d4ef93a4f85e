import { createInterface } from 'node:readline/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; value?: string };

export interface CommandSpec {
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
}

export type Values = Record<string, string | boolean | undefined>;

/** Every command takes --help. */
const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help and exit' };

export function usageOf(spec: CommandSpec): string {
  const options = { ...spec.options, help: HELP };
  const width = Math.max(...Object.entries(options).map(([name, o]) => name.length + (o.value ? o.value.length + 1 : 0))) + 4;
  return [
    `usage: npm run ${spec.name} -- [options]`,
    '',
    spec.summary,
    '',
    'options:',
    ...Object.entries(options).map(
      ([name, o]) => `  --${`${name}${o.value ? `=${o.value}` : ''}`.padEnd(width)}${o.description}`,
    ),
  ].join('\n');
}

/**
 * Strict parsing: an unknown flag (`--tenant=acme` for `--tenants=acme`), a missing value or a stray
 * argument is a UsageError, never silently ignored. Null when --help was asked for.
 */
export function parseCommandArgs(spec: CommandSpec, args: string[]): Values | null {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP }).map(([name, { description: _d, value: _v, ...o }]) => [name, o]),
  );
  let values: Values;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }) as { values: Values });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''), usageOf(spec));
  }
  return values.help ? null : values;
}

/** `--tenants=a,b` as a list (undefined when not given); an empty list is a mistake. */
export function tenantList(values: Values, spec: CommandSpec): string[] | undefined {
  if (values.tenants === undefined) return undefined;
  const list = String(values.tenants)
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (!list.length) throw new UsageError('--tenants needs at least one slug or id', usageOf(spec));
  return list;
}

/** Refuses slugs or ids that name no live tenant, before anything is done. */
export function requireKnownTenants(asked: string[] | undefined, found: { tenantId: string; slug: string }[]): void {
  if (!asked) return;
  const known = new Set(found.flatMap((t) => [t.tenantId, t.slug]));
  const unknown = asked.filter((t) => !known.has(t));
  if (unknown.length) throw new UsageError(`no such tenant: ${unknown.join(', ')} (nothing was changed)`);
}

/**
 * A destructive command shows what it will do and goes ahead only with --yes, or when a person at
 * a terminal answers "yes". Without either (a script, CI) it refuses.
 */
export async function confirm(plan: string[], yes: boolean): Promise<boolean> {
  for (const line of plan) process.stdout.write(`${line}\n`);
  if (yes) return true;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('refusing to go ahead without --yes (nothing was changed)');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question('Type "yes" to go ahead: ');
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}
