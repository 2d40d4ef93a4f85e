import { Injectable } from '@nestjs/common';
import { pgErrorCode, PG_UNIQUE_VIOLATION } from '@stratum/common';
import { GenerateSql, SAMPLE, SqlSampleContext } from '@stratum/database';
import { isUuid } from '@stratum/tenancy';
import type { EntityManager } from 'typeorm';
import { scimError } from './scim-error';
import { filterToSql, parseFilter, sortColumn, SqlFilter } from './scim-filter';
import { DirectoryAttributes, GROUP_FILTER, ScimGroupRow, ScimUserRow, USER_FILTER } from './scim-resources';

/** A version of a row from its last change: microseconds since the epoch, for `meta.version` (an ETag). */
const version = (ts: string) => `(extract(epoch FROM ${ts}) * 1000000)::bigint::text`;

/**
 * Every user of the tenant (those who came by invitation or SSO too, so a directory can adopt
 * them), with the directory's attributes; users the directory deleted are out of its sight.
 * Without addresses of its own, a user's account email is their one work email.
 */
const SCIM_USERS = `
  SELECT u.id, u.email AS "userName", u.name, u.status, d.external_id AS "externalId",
         d.given_name AS "givenName", d.family_name AS "familyName", d.display_name AS "displayName",
         CASE WHEN jsonb_array_length(coalesce(d.emails, '[]'::jsonb)) > 0 THEN d.emails
              ELSE jsonb_build_array(jsonb_build_object('value', u.email, 'type', 'work', 'primary', true)) END AS emails,
         d.employee_number AS "employeeNumber", d.department, d.manager_id AS "managerId",
         u.created_at AS created, greatest(u.updated_at, coalesce(d.updated_at, u.updated_at)) AS "lastModified",
         ${version('greatest(u.updated_at, coalesce(d.updated_at, u.updated_at))')} AS version
    FROM users u LEFT JOIN directory_users d ON d.user_id = u.id
   WHERE d.deleted_at IS NULL`;

const SCIM_GROUPS = `
  SELECT g.id, g.display_name AS "displayName", g.external_id AS "externalId", g.created_at AS created,
         g.updated_at AS "lastModified", ${version('g.updated_at')} AS version
    FROM directory_groups g`;

export interface ListQuery {
  filter: SqlFilter | null;
  sort: string | null;
  descending: boolean;
  offset: number;
  limit: number;
}

const uniqueness = (err: unknown, detail: string): never => {
  if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw scimError('CONFLICT', detail, 'uniqueness');
  throw err;
};

/** A page of `base`'s rows (alias `r`) as a list query asks, and how many match in all. */
async function page<R>(em: EntityManager, base: string, query: ListQuery): Promise<{ rows: R[]; total: number }> {
  const where = query.filter ? `WHERE ${query.filter.where}` : '';
  const params = query.filter?.params ?? [];
  const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM (${base}) r ${where}`, params);
  if (!query.limit) return { rows: [], total: n };
  const order = `${query.sort ?? 'r.created'} ${query.descending ? 'DESC' : 'ASC'} NULLS LAST, r.id`;
  const rows = await em.query(
    `SELECT r.* FROM (${base}) r ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.limit, query.offset],
  );
  return { rows, total: n };
}

/** A first page of everything, for the samples. */
const SAMPLE_LIST: ListQuery = { filter: null, sort: null, descending: false, offset: 0, limit: 100 };

/** A user for samples that need one (its row lives only in the sample's transaction). */
async function sampleUser({ em }: SqlSampleContext): Promise<string> {
  await em.query(`INSERT INTO users (id, email, name) VALUES ($1, 'ada@example.com', 'Ada Lovelace')`, [SAMPLE.uuid]);
  return SAMPLE.uuid;
}

/** A group for samples that need one. */
async function sampleGroup({ em }: SqlSampleContext): Promise<string> {
  await em.query(`INSERT INTO directory_groups (id, display_name) VALUES ($1, 'Engineering')`, [SAMPLE.uuid2]);
  return SAMPLE.uuid2;
}

/** A role for samples that need one. */
async function sampleRole({ em }: SqlSampleContext): Promise<string> {
  await em.query(`INSERT INTO roles (id, key, name) VALUES ($1, 'engineer', 'Engineer')`, [SAMPLE.uuid2]);
  return SAMPLE.uuid2;
}

const SAMPLE_ATTRIBUTES: DirectoryAttributes = {
  externalId: 'ext-1',
  givenName: 'Ada',
  familyName: 'Lovelace',
  displayName: 'Ada Lovelace',
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  employeeNumber: '42',
  department: 'Engineering',
  managerId: null,
};

/** The SQL of the SCIM service: users as the directory sees them, groups, members and role mappings. */
@Injectable()
export class DirectoryRepository {
  @GenerateSql(
    { params: [SAMPLE_LIST] },
    {
      name: 'filtered, sorted',
      params: [
        {
          filter: filterToSql(
            parseFilter('userName eq "ada@example.com" or emails[type eq "work" and value co "example"]'),
            USER_FILTER,
          ),
          sort: sortColumn('name.familyName', USER_FILTER).sql,
          descending: true,
          offset: 20,
          limit: 10,
        },
      ],
    },
  )
  listUsers(em: EntityManager, query: ListQuery): Promise<{ rows: ScimUserRow[]; total: number }> {
    return page<ScimUserRow>(em, SCIM_USERS, query);
  }

  @GenerateSql({ params: [SAMPLE.uuid] })
  async user(em: EntityManager, id: string): Promise<ScimUserRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await em.query(`SELECT r.* FROM (${SCIM_USERS}) r WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  /** The account with this email (case-insensitive), and whether the directory deleted it. */
  @GenerateSql({ params: ['ada@example.com'] })
  async accountByEmail(em: EntityManager, email: string): Promise<{ id: string; deleted: boolean } | null> {
    const [row] = await em.query(
      `SELECT u.id, d.deleted_at IS NOT NULL AS deleted FROM users u LEFT JOIN directory_users d ON d.user_id = u.id
        WHERE lower(u.email) = lower($1)`,
      [email],
    );
    return row ?? null;
  }

  @GenerateSql({ params: [SAMPLE.uuid, 'ada@example.com', 'Ada Lovelace'] })
  async updateAccount(em: EntityManager, id: string, email: string, name: string): Promise<void> {
    await em
      .query(
        `UPDATE users SET email = lower($2), name = $3, updated_at = now() WHERE id = $1 AND (email <> lower($2) OR name <> $3)`,
        [id, email, name],
      )
      .catch((err) => uniqueness(err, `A user with userName ${email} already exists`));
  }

  /** Stores the directory's attributes of a user (and brings a deleted one back into its sight). */
  @GenerateSql({ params: async (ctx) => [await sampleUser(ctx), SAMPLE_ATTRIBUTES] })
  async saveAttributes(em: EntityManager, userId: string, a: DirectoryAttributes): Promise<void> {
    await em.query(
      `INSERT INTO directory_users (user_id, external_id, given_name, family_name, display_name, emails,
                                    employee_number, department, manager_id, deleted_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, NULL, now())
       ON CONFLICT (user_id) DO UPDATE SET external_id = $2, given_name = $3, family_name = $4, display_name = $5,
         emails = $6::jsonb, employee_number = $7, department = $8, manager_id = $9, deleted_at = NULL, updated_at = now()`,
      [
        userId,
        a.externalId,
        a.givenName,
        a.familyName,
        a.displayName,
        JSON.stringify(a.emails),
        a.employeeNumber,
        a.department,
        a.managerId,
      ],
    );
  }

  /** Out of the directory's sight (its link, externalId, dropped); the account and its history stay. */
  @GenerateSql({ params: async (ctx) => [await sampleUser(ctx)] })
  async detach(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `INSERT INTO directory_users (user_id, deleted_at) VALUES ($1, now())
       ON CONFLICT (user_id) DO UPDATE SET deleted_at = now(), external_id = NULL, updated_at = now()`,
      [userId],
    );
    await em.query(`DELETE FROM directory_group_members WHERE user_id = $1`, [userId]);
  }

  @GenerateSql(
    { params: [SAMPLE_LIST] },
    {
      name: 'filtered, sorted',
      params: [
        {
          filter: filterToSql(parseFilter(`displayName sw "Eng" and members[value eq "${SAMPLE.uuid}"]`), GROUP_FILTER),
          sort: sortColumn('displayName', GROUP_FILTER).sql,
          descending: false,
          offset: 0,
          limit: 10,
        },
      ],
    },
  )
  listGroups(em: EntityManager, query: ListQuery): Promise<{ rows: Omit<ScimGroupRow, 'members'>[]; total: number }> {
    return page(em, SCIM_GROUPS, query);
  }

  @GenerateSql({ params: [SAMPLE.uuid] })
  async group(em: EntityManager, id: string): Promise<Omit<ScimGroupRow, 'members'> | null> {
    if (!isUuid(id)) return null;
    const [row] = await em.query(`SELECT r.* FROM (${SCIM_GROUPS}) r WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  /** Members of each group, with a name to show. */
  @GenerateSql({ params: [[SAMPLE.uuid, SAMPLE.uuid2]] })
  async members(em: EntityManager, groupIds: string[]): Promise<Map<string, { value: string; display: string }[]>> {
    const byGroup = new Map<string, { value: string; display: string }[]>(groupIds.map((id) => [id, []]));
    if (!groupIds.length) return byGroup;
    const rows: { groupId: string; value: string; display: string }[] = await em.query(
      `SELECT m.group_id AS "groupId", m.user_id::text AS value,
              coalesce(d.display_name, nullif(u.name, ''), u.email) AS display
         FROM directory_group_members m JOIN users u ON u.id = m.user_id
         LEFT JOIN directory_users d ON d.user_id = u.id
        WHERE m.group_id = ANY($1) ORDER BY m.group_id, u.email`,
      [groupIds],
    );
    for (const r of rows) byGroup.get(r.groupId)?.push({ value: r.value, display: r.display });
    return byGroup;
  }

  @GenerateSql({ params: ['Engineering', 'ext-1'] })
  async insertGroup(em: EntityManager, displayName: string, externalId: string | null): Promise<string> {
    const rows = await em
      .query(`INSERT INTO directory_groups (display_name, external_id) VALUES ($1, $2) RETURNING id`, [displayName, externalId])
      .catch((err) => uniqueness(err, `A group named ${displayName} already exists`));
    return rows[0].id;
  }

  @GenerateSql({ params: [SAMPLE.uuid, 'Engineering', 'ext-1'] })
  async updateGroup(em: EntityManager, id: string, displayName: string, externalId: string | null): Promise<void> {
    await em
      .query(`UPDATE directory_groups SET display_name = $2, external_id = $3, updated_at = now() WHERE id = $1`, [
        id,
        displayName,
        externalId,
      ])
      .catch((err) => uniqueness(err, `A group named ${displayName} already exists`));
  }

  /** Deletes a group; answers who its members were. */
  @GenerateSql({ params: [SAMPLE.uuid] })
  async deleteGroup(em: EntityManager, id: string): Promise<string[]> {
    const members: { userId: string }[] = await em.query(
      `SELECT user_id AS "userId" FROM directory_group_members WHERE group_id = $1`,
      [id],
    );
    await em.query(`DELETE FROM directory_groups WHERE id = $1`, [id]);
    return members.map((m) => m.userId);
  }

  /** Sets a group's members to `userIds`; answers who joined and who left. */
  @GenerateSql({ params: async (ctx) => [await sampleGroup(ctx), [await sampleUser(ctx)]] })
  async setMembers(em: EntityManager, groupId: string, userIds: string[]): Promise<{ added: string[]; removed: string[] }> {
    // TypeORM answers an UPDATE or DELETE as [rows, count].
    const [removed]: [{ userId: string }[], number] = await em.query(
      `DELETE FROM directory_group_members WHERE group_id = $1 AND NOT (user_id = ANY($2::uuid[])) RETURNING user_id AS "userId"`,
      [groupId, userIds],
    );
    const added: { userId: string }[] = await em.query(
      `INSERT INTO directory_group_members (group_id, user_id) SELECT $1, unnest($2::uuid[])
       ON CONFLICT DO NOTHING RETURNING user_id AS "userId"`,
      [groupId, userIds],
    );
    if (added.length || removed.length) await em.query(`UPDATE directory_groups SET updated_at = now() WHERE id = $1`, [groupId]);
    return { added: added.map((r) => r.userId), removed: removed.map((r) => r.userId) };
  }

  /** Those of `ids` that are users the directory can see. */
  @GenerateSql({ params: [[SAMPLE.uuid, SAMPLE.uuid2]] })
  async visibleUsers(em: EntityManager, ids: string[]): Promise<Set<string>> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return new Set();
    const rows: { id: string }[] = await em.query(
      `SELECT u.id FROM users u LEFT JOIN directory_users d ON d.user_id = u.id WHERE u.id = ANY($1::uuid[]) AND d.deleted_at IS NULL`,
      [valid],
    );
    return new Set(rows.map((r) => r.id));
  }

  @GenerateSql()
  async groupMappings(em: EntityManager): Promise<{ group: string; role: string; roleId: string }[]> {
    return em.query(
      `SELECT m.group_ref AS "group", r.key AS role, r.id AS "roleId"
         FROM directory_group_roles m JOIN roles r ON r.id = m.role_id ORDER BY lower(m.group_ref), r.key`,
    );
  }

  @GenerateSql({ params: async (ctx) => [[{ group: 'Engineering', roleId: await sampleRole(ctx) }]] })
  async replaceGroupMappings(em: EntityManager, mappings: { group: string; roleId: string }[]): Promise<void> {
    await em.query(`DELETE FROM directory_group_roles`);
    if (!mappings.length) return;
    await em.query(
      `INSERT INTO directory_group_roles (group_ref, role_id) SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      [mappings.map((m) => m.group), mappings.map((m) => m.roleId)],
    );
  }

  /** Roles the user's groups map to (a mapping names a group by id or, case-insensitively, displayName). */
  @GenerateSql({ params: [SAMPLE.uuid] })
  async mappedRoleIds(em: EntityManager, userId: string): Promise<Set<string>> {
    const rows: { roleId: string }[] = await em.query(
      `SELECT DISTINCT m.role_id AS "roleId"
         FROM directory_group_members gm JOIN directory_groups g ON g.id = gm.group_id
         JOIN directory_group_roles m ON m.group_ref = g.id::text OR lower(m.group_ref) = lower(g.display_name)
        WHERE gm.user_id = $1`,
      [userId],
    );
    return new Set(rows.map((r) => r.roleId));
  }

  /** Roles the directory granted the user (and may so take back), and every role they hold now. */
  @GenerateSql({ params: [SAMPLE.uuid] })
  async rolesOf(em: EntityManager, userId: string): Promise<{ granted: Map<string, string>; held: Set<string>; status: string }> {
    const granted: { roleId: string; key: string }[] = await em.query(
      `SELECT g.role_id AS "roleId", r.key FROM directory_role_grants g JOIN roles r ON r.id = g.role_id WHERE g.user_id = $1`,
      [userId],
    );
    const held: { roleId: string }[] = await em.query(
      `SELECT role_id AS "roleId" FROM user_roles WHERE user_id = $1 AND (expires_at IS NULL OR expires_at > now())`,
      [userId],
    );
    const [user] = await em.query(`SELECT status FROM users WHERE id = $1`, [userId]);
    return {
      granted: new Map(granted.map((r) => [r.roleId, r.key])),
      held: new Set(held.map((r) => r.roleId)),
      status: user?.status ?? 'gone',
    };
  }

  @GenerateSql({ params: async (ctx) => [await sampleUser(ctx), await sampleRole(ctx)] })
  async recordGrant(em: EntityManager, userId: string, roleId: string): Promise<void> {
    await em.query(`INSERT INTO directory_role_grants (user_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      userId,
      roleId,
    ]);
  }

  @GenerateSql({ params: [SAMPLE.uuid, SAMPLE.uuid2] })
  async forgetGrant(em: EntityManager, userId: string, roleId: string): Promise<void> {
    await em.query(`DELETE FROM directory_role_grants WHERE user_id = $1 AND role_id = $2`, [userId, roleId]);
  }

  /** Everyone whose directory roles may change with the mappings: group members and holders of directory grants. */
  @GenerateSql()
  async usersInDirectoryGroups(em: EntityManager): Promise<string[]> {
    const rows: { userId: string }[] = await em.query(
      `SELECT user_id AS "userId" FROM directory_group_members UNION SELECT user_id FROM directory_role_grants`,
    );
    return rows.map((r) => r.userId);
  }
}
