import { Injectable } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { GenerateSql, SAMPLE } from '@stratum/database';
import type { EntityManager } from 'typeorm';

/** What audit retention reads and removes, with the app's own role (audit_purge is refused to tenant roles). */
@Injectable()
export class AuditRetentionRepository {
  /** Points the transaction at the tenant's schema. */
  @GenerateSql({ role: 'app', params: ({ schema }) => [schema] })
  async useSchema(em: EntityManager, schema: string): Promise<void> {
    await em.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
  }

  /** Removes the events older than `before` (moving the chain's anchor); answers how many. */
  @GenerateSql({ role: 'app', params: [SAMPLE.date] })
  async purgeBefore(em: EntityManager, before: Date): Promise<number> {
    const [{ removed }] = await em.query('SELECT audit_purge($1) AS removed', [before]);
    return Number(removed);
  }
}
