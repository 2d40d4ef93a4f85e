/** Applying brings a schema up to date; reverting undoes its latest applied migration. */
export type MigrationDirection = 'up' | 'down';

export interface LedgerComparison {
  /** Migrations of the set the ledger lists, in the set's order. */
  applied: string[];
  /** Migrations of the set the ledger lacks, in the set's order. */
  pending: string[];
  /** Names the ledger lists that the set does not know (applied by another version). */
  unknown: string[];
}

/** Compares a migration set (in order) with the names a ledger lists. */
export function compareWithLedger(set: readonly { name: string }[], ledger: Iterable<string>): LedgerComparison {
  const listed = new Set(ledger);
  const known = new Set(set.map((m) => m.name));
  return {
    applied: set.filter((m) => listed.has(m.name)).map((m) => m.name),
    pending: set.filter((m) => !listed.has(m.name)).map((m) => m.name),
    unknown: [...listed].filter((name) => !known.has(name)),
  };
}

/**
 * What to run, in order: applying, every migration of the set the ledger lacks; reverting, the
 * latest migration of the set the ledger lists (names the set does not know are left alone).
 */
export function planMigrations<M extends { name: string }>(
  set: readonly M[],
  ledger: Iterable<string>,
  direction: MigrationDirection,
): M[] {
  const listed = new Set(ledger);
  if (direction === 'up') return set.filter((m) => !listed.has(m.name));
  const latest = [...set].reverse().find((m) => listed.has(m.name));
  return latest ? [latest] : [];
}
