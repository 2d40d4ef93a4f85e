/**
 * A column holding key-ring ciphertexts, described so that re-encryption with the current key
 * can find every secret at rest: `table` is unqualified for tenant tables (resolved in each
 * tenant's schema) and schema-qualified for platform ones.
 */
export interface SecretColumn {
  scope: 'tenant' | 'platform';
  table: string;
  column: string;
  /** The key-ring context the row's value was sealed with. */
  context: (rowId: string, tenantId: string | null) => string;
}
