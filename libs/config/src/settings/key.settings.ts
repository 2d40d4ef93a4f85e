import { Transform } from 'class-transformer';
import { IsOptional, IsString, MinLength } from 'class-validator';
import { emptyToUndefined, Setting, Settings, SettingsGroup } from './setting';

/** Secrets that ship in the code for development; production refuses to start with them. */
export const DEV_AUDIT_SECRET = 'dev-only-audit-hmac-secret-0123456789abcdef';
export const DEV_ENCRYPTION_KEYS = 'dev:ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=';

/** Keys of the audit hash chain and of secrets stored at rest. */
@SettingsGroup('keys', 'Keys')
export class KeySettings extends Settings {
  @Setting({
    description: "key of the audit trail's HMAC hash chain (32+ characters); must be set in production",
    sensitive: true,
  })
  @IsString()
  @MinLength(32, { message: 'AUDIT_HMAC_SECRET must be at least 32 characters' })
  AUDIT_HMAC_SECRET = DEV_AUDIT_SECRET;

  @Setting({
    description:
      '`id:base64key[,id:base64key…]`: 32-byte AES-256-GCM keys for secrets at rest (TOTP seeds); new secrets use the first (or `ENCRYPTION_KEY_ID`), old keys still decrypt; must be set in production',
    sensitive: true,
  })
  @IsString()
  ENCRYPTION_KEYS = DEV_ENCRYPTION_KEYS;

  @Setting({ description: 'which key of `ENCRYPTION_KEYS` encrypts new secrets', default: 'the first key' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ENCRYPTION_KEY_ID?: string;
}
