import { KeyRing, SecretColumn } from '@stratum/common';
import { loadConfig } from '@stratum/config';
import { IDENTITY_SECRET_COLUMNS } from '@stratum/identity';
import { SSO_SECRET_COLUMNS } from '@stratum/sso';
import { reencryptSecrets } from './secret-reencryption';
import { WEBHOOK_SECRET_COLUMNS } from '@stratum/webhooks';
import { CommandSpec, confirm, requireKnownTenants, tenantList, Values } from './cli-args';
import { withLocalServices } from './local-services';
import { openMigrationContext } from './migration-context';

/** Every column that holds secrets sealed with the key ring. */
export const SECRET_COLUMNS: SecretColumn[] = [...IDENTITY_SECRET_COLUMNS, ...SSO_SECRET_COLUMNS, ...WEBHOOK_SECRET_COLUMNS];

const out = (line: string) => process.stdout.write(`${line}\n`);

export const REENCRYPT: CommandSpec = {
  name: 'keys:reencrypt',
  summary:
    'Seals every secret at rest with the current ENCRYPTION_KEYS key: the platform and every tenant (or --tenants, plus --platform). Shows what it will do and needs --yes (or "yes" typed at a terminal).',
  options: {
    tenants: {
      type: 'string',
      value: 'slug,...',
      description: 'only these tenants (slugs or ids); the platform only with --platform',
    },
    platform: { type: 'boolean', description: 'with --tenants: the platform\u2019s secrets too' },
    yes: { type: 'boolean', short: 'y', description: 'go ahead without asking' },
    'dry-run': { type: 'boolean', description: 'show what would be re-encrypted, change nothing' },
  },
};

/** `keys:reencrypt [--tenants=a,b [--platform]]`: seals every secret at rest with the current ENCRYPTION_KEYS key. */
export async function reencryptCommand(values: Values): Promise<number> {
  const only = tenantList(values, REENCRYPT);
  const config = loadConfig(withLocalServices(), ['DATABASE_URL']);
  const keys = KeyRing.parse(config.ENCRYPTION_KEYS, config.ENCRYPTION_KEY_ID);
  const { runner, clusters, close } = await openMigrationContext(config);
  try {
    const states = await runner.tenantStatus(only);
    requireKnownTenants(only, states);
    const platform = !only || !!values.platform;
    const plan = [
      `would re-encrypt the secrets of ${platform ? 'the platform and ' : ''}${states.length} tenant${states.length === 1 ? '' : 's'} with key ${keys.currentId}`,
    ];
    if (values['dry-run']) return (out(plan[0]), 0);
    if (!(await confirm(plan, !!values.yes))) return (out('nothing was changed'), 1);
    out(`re-encrypting secrets with key ${keys.currentId}`);
    const result = await reencryptSecrets(clusters, keys, SECRET_COLUMNS, { tenants: only, platform });
    for (const f of result.failed) out(`  FAILED ${f.scope}: ${f.error}`);
    out(
      `re-encrypted ${result.reencrypted} | already current ${result.current} | tenants ${result.tenants} | failed ${result.failed.length}`,
    );
    return result.failed.length ? 1 : 0;
  } finally {
    await close();
  }
}
