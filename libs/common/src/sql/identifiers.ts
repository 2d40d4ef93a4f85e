/**
 * The one place where an identifier (schema or role name) is turned into SQL.
 * Identifiers are derived from tenant ids, never from user input, and are still validated
 * and quoted here so that nothing unexpected can ever reach a statement.
 */
const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdent(name: string): string {
  if (!SAFE_IDENTIFIER.test(name)) {
    throw new Error(`Refusing unsafe SQL identifier: ${JSON.stringify(name)}`);
  }
  return `"${name}"`;
}

/** A LIKE pattern matching values that contain `text` (lower-cased), with `\`, `%` and `_` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
