import { Injectable } from '@nestjs/common';
import { authorityFromRows, AuthorityRow, authoritySelect, Authority } from '@stratum/rbac';
import { TenantDatabase } from '@stratum/tenancy';

export interface DirectoryTokenRow {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = `id, name, created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"`;

/** The SQL of directory-sync tokens, in the tenant's transaction. */
@Injectable()
export class DirectoryTokensRepository {
  constructor(private readonly db: TenantDatabase) {}

  async insert(row: {
    id: string;
    name: string;
    secretHash: string;
    createdBy: string;
    expiresAt: Date | null;
  }): Promise<DirectoryTokenRow> {
    const em = await this.db.manager();
    const [token] = await em.query(
      `INSERT INTO directory_tokens (id, name, secret_hash, created_by, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [row.id, row.name, row.secretHash, row.createdBy, row.expiresAt],
    );
    return token;
  }

  async list(): Promise<DirectoryTokenRow[]> {
    const em = await this.db.manager();
    return em.query(`SELECT ${COLUMNS} FROM directory_tokens ORDER BY created_at DESC, id`);
  }

  /** Revokes a token; null when there is no such token, the row either way. */
  async revoke(id: string): Promise<DirectoryTokenRow | null> {
    const em = await this.db.manager();
    // TypeORM answers an UPDATE as [rows, count].
    const [[token]]: [DirectoryTokenRow[], number] = await em.query(
      `UPDATE directory_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return token ?? null;
  }

  /**
   * A presented token's row with its owner's authority, in the request's first round trip (the
   * id comes from the token's own bytes, always a well-formed UUID).
   */
  async forAuthentication(
    id: string,
  ): Promise<{ token: (DirectoryTokenRow & { secretHash: string }) | null; owner: Authority | null }> {
    const rows = await this.db.query<DirectoryTokenRow & { secretHash: string } & AuthorityRow>(
      `SELECT t.id, t.secret_hash AS "secretHash", t.created_by AS "createdBy", t.expires_at AS "expiresAt",
              t.revoked_at AS "revokedAt", o.*
         FROM directory_tokens t
         LEFT JOIN LATERAL (${authoritySelect('t.created_by')}) o ON true
        WHERE t.id = '${id}'::uuid`,
    );
    const token = rows[0] ?? null;
    return { token, owner: token?.createdBy ? authorityFromRows(token.createdBy, rows) : null };
  }
}
