import { Injectable } from '@nestjs/common';
import { DomainError, KeyRing } from '@stratum/common';
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { EntityManager, IsNull } from 'typeorm';
import type { AccountColumns } from '../accounts/account-columns';
import type { IdentityRealm } from '../realm/identity-realm';
import { sha256 } from '../tokens/token.service';
import type { RecoveryCodeColumns } from './recovery-code-columns';

const PERIOD = 30;
const RECOVERY_CODES = 10;

/** TOTP (RFC 6238) enrolment and verification, and single-use recovery codes. */
@Injectable()
export class MfaService {
  constructor(private readonly keys: KeyRing) {}

  /** Starts enrolment: a new secret, kept encrypted and pending until a code proves the app has it. */
  async enroll(
    realm: IdentityRealm,
    em: EntityManager,
    account: AccountColumns,
  ): Promise<{ secret: string; otpauthUrl: string }> {
    if (account.mfaEnabledAt) throw new DomainError('INVALID_STATE', 'MFA is already enabled; disable it first to enrol again');
    const secret = new Secret({ size: 20 });
    await em
      .getRepository(realm.entities.account)
      .update({ id: account.id }, { mfaPendingSecret: this.keys.encrypt(secret.base32, realm.secretContext(account.id)) });
    return { secret: secret.base32, otpauthUrl: this.totp(realm, account.email, secret.base32).toString() };
  }

  /** Finishes enrolment with a code from the app; answers the recovery codes, shown this once. */
  async activate(realm: IdentityRealm, em: EntityManager, userId: string, code: string): Promise<string[]> {
    const account = await this.loadWithSecrets(realm, em, userId);
    if (account.mfaEnabledAt) throw new DomainError('INVALID_STATE', 'MFA is already enabled');
    if (!account.mfaPendingSecret) throw new DomainError('INVALID_STATE', 'Start enrolment first (POST …/mfa/totp/enroll)');
    const secret = this.keys.decrypt(account.mfaPendingSecret, realm.secretContext(userId));
    const step = this.matchingStep(realm, account.email, secret, code, null);
    if (step === null) throw new DomainError('INVALID_MFA_CODE');
    await em
      .getRepository(realm.entities.account)
      .update(
        { id: userId },
        { mfaSecret: account.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: new Date(), mfaLastStep: String(step) },
      );
    return this.replaceRecoveryCodes(realm, em, userId);
  }

  /** Turns MFA off; needs a current code (or a recovery code). */
  async disable(realm: IdentityRealm, em: EntityManager, userId: string, code: string): Promise<void> {
    const account = await this.loadWithSecrets(realm, em, userId);
    if (!account.mfaEnabledAt) throw new DomainError('INVALID_STATE', 'MFA is not enabled');
    if (!(await this.verify(realm, em, account, code))) throw new DomainError('INVALID_MFA_CODE');
    await em
      .getRepository(realm.entities.account)
      .update({ id: userId }, { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null });
    await em.getRepository<RecoveryCodeColumns>(realm.entities.recoveryCode).delete({ userId });
  }

  /**
   * Checks a second factor: a 6-digit TOTP code (each time step accepted once), or an unused
   * recovery code (then spent).
   */
  async verify(realm: IdentityRealm, em: EntityManager, account: AccountColumns, code: string): Promise<boolean> {
    if (!account.mfaSecret) return false;
    const trimmed = code.replace(/[\s-]/g, '');
    if (/^\d{6}$/.test(trimmed)) {
      const secret = this.keys.decrypt(account.mfaSecret, realm.secretContext(account.id));
      const step = this.matchingStep(realm, account.email, secret, trimmed, account.mfaLastStep);
      if (step === null) return false;
      await em.getRepository(realm.entities.account).update({ id: account.id }, { mfaLastStep: String(step) });
      return true;
    }
    const used = await em
      .getRepository<RecoveryCodeColumns>(realm.entities.recoveryCode)
      .update({ userId: account.id, codeHash: sha256(trimmed.toLowerCase()), usedAt: IsNull() }, { usedAt: new Date() });
    return !!used.affected;
  }

  async loadWithSecrets(realm: IdentityRealm, em: EntityManager, userId: string): Promise<AccountColumns> {
    const account = await em
      .getRepository<AccountColumns>(realm.entities.account)
      .createQueryBuilder('a')
      .addSelect(['a.mfaSecret', 'a.mfaPendingSecret', 'a.mfaLastStep', 'a.passwordHash'])
      .where('a.id = :userId', { userId })
      .setLock('pessimistic_write')
      .getOne();
    if (!account) throw new DomainError('UNAUTHENTICATED');
    return account;
  }

  private async replaceRecoveryCodes(realm: IdentityRealm, em: EntityManager, userId: string): Promise<string[]> {
    const repo = em.getRepository<RecoveryCodeColumns>(realm.entities.recoveryCode);
    await repo.delete({ userId });
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = randomBytes(8).toString('hex');
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
    });
    await repo.insert(codes.map((c) => ({ userId, codeHash: sha256(c.replace(/-/g, '')), usedAt: null })));
    return codes;
  }

  /** The time step the code belongs to (±1 step of clock drift), if later than `lastStep`. */
  private matchingStep(
    realm: IdentityRealm,
    label: string,
    secret: string,
    code: string,
    lastStep: string | null,
  ): number | null {
    const delta = this.totp(realm, label, secret).validate({ token: code, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(Date.now() / 1000 / PERIOD) + delta;
    if (lastStep !== null && step <= Number(lastStep)) return null;
    return step;
  }

  private totp(realm: IdentityRealm, label: string, secret: string): TOTP {
    return new TOTP({
      issuer: realm.displayName(),
      label,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD,
      secret: Secret.fromBase32(secret),
    });
  }
}
