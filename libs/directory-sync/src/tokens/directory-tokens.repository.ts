import { Injectable } from '@nestjs/common';
import { GenerateSql, SAMPLE, SqlSampleContext } from '@stratum/database';
import { authorityFromRows, AuthorityRow, authoritySelect, Authority } from '@stratum/rbac';
import type { EntityManager } from 'typeorm';

export interface DirectoryTokenRow {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Where a statement without parameters runs: an EntityManager, or the TenantDatabase itself, whose
 * `query` shares the round trip that begins the tenant's transaction.
 */
export interface OneStatement {
  query(sql: string): Promise<unknown>;
}

/** A user for samples that need one (its row lives only in the sample's transaction). */
async function sampleUser({ em }: SqlSampleContext): Promise<string> {
  await em.query(`INSERT INTO users (id, email, name) VALUES ($1, 'ada@example.com', 'Ada Lovelace')`, [SAMPLE.uuid2]);
  return SAMPLE.uuid2;
}

const COLUMNS = `id, name, created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"`;

/** The SQL of directory-sync tokens, in the tenant's transaction. */
@Injectable()
export class DirectoryTokensRepository {
  @GenerateSql({
    params: async (ctx) => [
      { id: SAMPLE.uuid, name: 'Entra ID', secretHash: 'f'.repeat(64), createdBy: await sampleUser(ctx), expiresAt: SAMPLE.date },
    ],
  })
  async insert(
    em: EntityManager,
    row: {
      id: string;
      name: string;
      secretHash: string;
      createdBy: string;
      expiresAt: Date | null;
    },
  ): Promise<DirectoryTokenRow> {
    const [token] = await em.query(
      `INSERT INTO directory_tokens (id, name, secret_hash, created_by, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [row.id, row.name, row.secretHash, row.createdBy, row.expiresAt],
    );
    return token;
  }

  @GenerateSql()
  async list(em: EntityManager): Promise<DirectoryTokenRow[]> {
    return em.query(`SELECT ${COLUMNS} FROM directory_tokens ORDER BY created_at DESC, id`);
  }

  /** Revokes a token; null when there is no such token, the row either way. */
  @GenerateSql({ params: [SAMPLE.uuid] })
  async revoke(em: EntityManager, id: string): Promise<DirectoryTokenRow | null> {
    // TypeORM answers an UPDATE as [rows, count].
    const [[token]]: [DirectoryTokenRow[], number] = await em.query(
      `UPDATE directory_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return token ?? null;
  }

  /**
   * A presented token's row with its owner's authority, in the request's first round trip (the
   * id comes from the token's own bytes, always a well-formed UUID): run through the TenantDatabase.
   */
  @GenerateSql({ params: [SAMPLE.uuid] })
  async forAuthentication(
    db: OneStatement,
    id: string,
  ): Promise<{ token: (DirectoryTokenRow & { secretHash: string }) | null; owner: Authority | null }> {
    const rows = (await db.query(
      `SELECT t.id, t.secret_hash AS "secretHash", t.created_by AS "createdBy", t.expires_at AS "expiresAt",
              t.revoked_at AS "revokedAt", o.*
         FROM directory_tokens t
         LEFT JOIN LATERAL (${authoritySelect('t.created_by')}) o ON true
        WHERE t.id = '${id}'::uuid`,
    )) as (DirectoryTokenRow & { secretHash: string } & AuthorityRow)[];
    const token = rows[0] ?? null;
    return { token, owner: token?.createdBy ? authorityFromRows(token.createdBy, rows) : null };
  }
}
