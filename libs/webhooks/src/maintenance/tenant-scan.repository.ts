import { Injectable } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { GenerateSql, SAMPLE } from '@stratum/database';
import { EntityManager } from 'typeorm';
import { OVERDUE } from '../outbox/outbox.repository';

/**
 * Looks into many tenant schemas in one query, with the app's own role (see TenantScan). Each
 * method takes unquoted schema names and answers the positions of those that match.
 */
@Injectable()
export class TenantScanRepository {
  /** `condition(schema)` is an SQL boolean over the quoted schema name; `params` its parameters. */
  @GenerateSql({ role: 'app', params: ({ schema }) => [[schema], (s: string) => `EXISTS (SELECT 1 FROM ${s}.projects)`, []] })
  async matching(
    em: EntityManager,
    schemas: string[],
    condition: (schema: string) => string,
    params: unknown[] = [],
  ): Promise<number[]> {
    const sql = schemas.map((s, j) => `SELECT ${j} AS i WHERE ${condition(quoteIdent(s))}`).join(' UNION ALL ');
    const found: { i: number }[] = await em.query(sql, params);
    return found.map((r) => r.i);
  }

  /** Schemas with open deliveries overdue by more than `afterSeconds`. */
  @GenerateSql({ role: 'app', params: ({ schema }) => [[schema], 60] })
  withOverdueDeliveries(em: EntityManager, schemas: string[], afterSeconds: number): Promise<number[]> {
    return this.matching(em, schemas, (s) => `EXISTS (SELECT 1 FROM ${s}.webhook_deliveries d WHERE ${OVERDUE('d.')})`, [
      afterSeconds,
    ]);
  }

  /** Schemas with delivery history older than `before`. */
  @GenerateSql({ role: 'app', params: ({ schema }) => [[schema], SAMPLE.date] })
  withHistoryBefore(em: EntityManager, schemas: string[], before: Date): Promise<number[]> {
    return this.matching(
      em,
      schemas,
      (s) =>
        `(EXISTS (SELECT 1 FROM ${s}.webhook_attempts WHERE attempted_at < $1)
          OR EXISTS (SELECT 1 FROM ${s}.webhook_messages WHERE occurred_at < $1))`,
      [before],
    );
  }
}
