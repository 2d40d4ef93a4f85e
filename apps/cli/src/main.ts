import 'reflect-metadata';
import { ConfigError, loadDotEnv } from '@stratum/config';
import { CommandSpec, parseCommandArgs, UsageError, usageOf, Values } from './cli-args';
import { REENCRYPT, reencryptCommand } from './keys.command';
import { MIGRATE, migrateCommand, REVERT, revertCommand, STATUS, statusCommand } from './migrate.command';
import { startCommand } from './start.command';

const START: CommandSpec = {
  name: 'start',
  summary:
    'Runs everything on one machine: an embedded PostgreSQL and a redis-server unless DATABASE_URL / REDIS_URL are set, migrations, a super admin and a demo tenant, the API and the worker.',
  options: {},
};

const COMMANDS: { spec: CommandSpec; run: (values: Values) => Promise<number> }[] = [
  { spec: MIGRATE, run: migrateCommand },
  { spec: STATUS, run: statusCommand },
  { spec: REVERT, run: revertCommand },
  { spec: START, run: () => startCommand() },
  { spec: REENCRYPT, run: reencryptCommand },
];

const overview = () =>
  ['usage: npm run <command> -- [options]   (--help after a command for its options)', '', 'commands:']
    .concat(COMMANDS.map(({ spec }) => `  ${spec.name.padEnd(16)}${spec.summary}`))
    .join('\n');

async function main(): Promise<number> {
  loadDotEnv();
  const [name, ...args] = process.argv.slice(2);
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${overview()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) throw new UsageError(name ? `unknown command: ${name}` : 'no command given', overview());
  const values = parseCommandArgs(command.spec, args);
  if (!values) {
    process.stdout.write(`${usageOf(command.spec)}\n`);
    return 0;
  }
  return command.run(values);
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n${err.usage ? `\n${err.usage}\n` : ''}`);
      process.exit(2);
    }
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
    process.exit(1);
  });
