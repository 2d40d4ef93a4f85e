import 'reflect-metadata';
import { ConfigError } from '@stratum/config';
import { migrateCommand, revertCommand, statusCommand } from './migrate.command';
import { reencryptCommand } from './keys.command';
import { startCommand } from './start.command';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  migrate: migrateCommand,
  'migrate:status': statusCommand,
  'migrate:revert': revertCommand,
  start: startCommand,
  'keys:reencrypt': reencryptCommand,
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: stratum <${Object.keys(COMMANDS).join('|')}> [--tenants=slug,...] [--platform]\n`);
    process.exit(2);
  }
  process.exitCode = await command(args);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
