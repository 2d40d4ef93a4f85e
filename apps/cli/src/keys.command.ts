import { KeyRing, SecretColumn } from '@stratum/common';
import { loadConfig } from '@stratum/config';
import { IDENTITY_SECRET_COLUMNS } from '@stratum/identity';
import { SSO_SECRET_COLUMNS } from '@stratum/sso';
import { reencryptSecrets } from '@stratum/tenancy';
import { WEBHOOK_SECRET_COLUMNS } from '@stratum/webhooks';
import { openMigrationContext } from './migration-context';

/** Every column that holds secrets sealed with the key ring. */
export const SECRET_COLUMNS: SecretColumn[] = [...IDENTITY_SECRET_COLUMNS, ...SSO_SECRET_COLUMNS, ...WEBHOOK_SECRET_COLUMNS];

const out = (line: string) => process.stdout.write(`${line}\n`);

/** `keys:reencrypt [--tenants=a,b [--platform]]`: seals every secret at rest with the current ENCRYPTION_KEYS key. */
export async function reencryptCommand(args: string[] = []): Promise<number> {
  const config = loadConfig(process.env, ['DATABASE_URL']);
  const keys = KeyRing.parse(config.ENCRYPTION_KEYS, config.ENCRYPTION_KEY_ID);
  const { clusters, close } = await openMigrationContext(config);
  try {
    out(`re-encrypting secrets with key ${keys.currentId}`);
    const only = args.find((a) => a.startsWith('--tenants='));
    const result = await reencryptSecrets(clusters, keys, SECRET_COLUMNS, {
      tenants: only ? only.slice('--tenants='.length).split(',').filter(Boolean) : undefined,
      platform: !only || args.includes('--platform'),
    });
    for (const f of result.failed) out(`  FAILED ${f.scope}: ${f.error}`);
    out(
      `re-encrypted ${result.reencrypted} | already current ${result.current} | tenants ${result.tenants} | failed ${result.failed.length}`,
    );
    return result.failed.length ? 1 : 0;
  } finally {
    await close();
  }
}
