import { FieldError } from '@stratum/common';
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

/** ~49,000 most common passwords (from @zxcvbn-ts/language-common), indexed on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary as Record<string, string[]>)['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** What is wrong with a new password; empty when it is acceptable. */
export function passwordProblems(password: string, email?: string, field = 'password'): FieldError[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) problems.push('is one of the most common passwords');
  if (email) {
    const address = email.toLowerCase();
    const local = address.split('@')[0];
    if (lower.includes(address) || (local.length >= 4 && lower.includes(local)))
      problems.push('must not contain your email address');
  }
  return problems.map((message) => ({ field, message: `${field} ${message}` }));
}
