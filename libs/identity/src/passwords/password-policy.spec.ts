import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy';

describe('password policy', () => {
  it('accepts a long, uncommon password unrelated to the email', () => {
    expect(passwordProblems('violet-harbour-engine-42', 'ada@acme.test')).toEqual([]);
  });

  it('refuses short, common and email-containing passwords, naming the field', () => {
    expect(passwordProblems('short-pw', 'ada@acme.test').map((p) => p.message)).toEqual([
      'password must be at least 12 characters',
    ]);
    expect(passwordProblems('qwertyuiop123').map((p) => p.message)).toContain('password is one of the most common passwords');
    expect(passwordProblems('PASSWORD1234').map((p) => p.message)).toContain('password is one of the most common passwords');
    expect(passwordProblems('my-name-is-adalovelace!', 'adalovelace@acme.test', 'newPassword')).toEqual([
      { field: 'newPassword', message: 'newPassword must not contain your email address' },
    ]);
  });
});
