import type { DataSource, QueryRunner } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

export interface TransactionOptions {
  /** PostgreSQL's default (READ COMMITTED) when omitted. */
  isolation?: IsolationLevel;
}

/**
 * Takes a connection of `dataSource` and opens a transaction on it (the connection goes back to
 * the pool if that fails). For work that commits several transactions in an order of its own;
 * end each with endTransaction. Otherwise use withTransaction.
 */
export async function beginTransaction(dataSource: DataSource, options: TransactionOptions = {}): Promise<QueryRunner> {
  const qr = dataSource.createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction(options.isolation);
  } catch (err) {
    await qr.release();
    throw err;
  }
  return qr;
}

/**
 * Commits (or rolls back) the transaction of `qr` and releases its connection; a failed commit is
 * rolled back and thrown. Rolling back a transaction that has already ended only releases its
 * connection, and a released one is left alone, so cleanup code may end every transaction it began.
 */
export async function endTransaction(qr: QueryRunner, commit: boolean): Promise<void> {
  if (qr.isReleased) return;
  try {
    if (commit) await qr.commitTransaction();
    else if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
  } catch (err) {
    if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    await qr.release();
  }
}

/**
 * Runs `fn` in a transaction on a connection of its own from `dataSource`: committed when `fn`
 * resolves, rolled back when it throws (or the commit fails), the connection released either way.
 * Nested calls on two clusters commit the inner transaction first.
 */
export async function withTransaction<T>(
  dataSource: DataSource,
  fn: (qr: QueryRunner) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const qr = await beginTransaction(dataSource, options);
  let result: T;
  try {
    result = await fn(qr);
  } catch (err) {
    await endTransaction(qr, false);
    throw err;
  }
  await endTransaction(qr, true);
  return result;
}
