/**
 * The floor of the request-pipeline benchmark: the database work of GET and POST /api/v1/projects,
 * statement for statement as the product sends it (one transaction in the tenant's role and
 * schema, the permission lookup riding with its BEGIN, the audit chain head locked and the event
 * appended with the commit), served by node:http and node-postgres alone: no framework, no
 * authentication, no Redis, no logging. What the product reaches is then also shown as a share
 * of what this same work reaches on the same machine (pipeline.ts).
 *
 * The audit append is the product's own statement (appendStatement); the others are copied from
 * the PostgreSQL log of the product serving these routes.
 *
 * Env: PORT, DATABASE_URL, FLOOR_SCHEMA (the tenant's schema, also its role), AUDIT_HMAC_SECRET.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { appendStatement, chainHash } from '@stratum/audit';

const schema = process.env.FLOOR_SCHEMA!;
const secret = process.env.AUDIT_HMAC_SECRET!;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const ident = `"${schema.replace(/"/g, '""')}"`;

const permissionsOf = (userId: string) => `SELECT u.status, r.key, r.is_system, r.permissions
         FROM users u
         LEFT JOIN user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
         LEFT JOIN roles r ON r.id = ur.role_id
        WHERE u.id = '${userId}'::uuid`;
const begin = (userId: string) =>
  `START TRANSACTION; SET LOCAL ROLE ${ident}; SET LOCAL search_path TO ${ident}; ${permissionsOf(userId)}`;

const LIST = `SELECT "p"."id" AS "p_id", "p"."name" AS "p_name", "p"."description" AS "p_description", "p"."created_by" AS "p_created_by",
  "p"."created_at" AS "p_created_at", "p"."updated_at" AS "p_updated_at", ("p"."created_at")::text AS "keyset_value"
  FROM "projects" "p" ORDER BY "p"."created_at" DESC, "p"."id" DESC LIMIT $1`;
const INSERT = `INSERT INTO "projects"("id", "name", "description", "created_by", "created_at", "updated_at")
  VALUES (DEFAULT, $1, $2, $3, DEFAULT, DEFAULT) RETURNING "id", "created_at", "updated_at"`;
const GRANT = `INSERT INTO resource_grants (resource_type, resource_id, user_id, permissions, granted_by)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (resource_type, resource_id, user_id)
  DO UPDATE SET permissions = EXCLUDED.permissions, granted_by = EXCLUDED.granted_by, updated_at = now()
  RETURNING resource_type, resource_id, user_id, permissions, granted_by, created_at, updated_at`;
const OUTBOX = `WITH subscribed AS (
    SELECT id FROM webhook_endpoints WHERE enabled AND event_types && $3::text[]
  ), message AS (
    INSERT INTO webhook_messages (id, event_type, data, trace_context)
    SELECT $1::uuid, $2::text, $4::jsonb, $5::jsonb WHERE EXISTS (SELECT 1 FROM subscribed)
    RETURNING id
  )
  INSERT INTO webhook_deliveries (message_id, endpoint_id)
  SELECT message.id, subscribed.id FROM message CROSS JOIN subscribed
  RETURNING 1`;
const GRANTED = [
  'projects:read',
  'projects:update',
  'documents:read',
  'documents:create',
  'documents:update',
  'documents:delete',
];

let userId = '';
let email = '';

async function list(db: PoolClient) {
  await db.query(begin(userId));
  const { rows } = await db.query(LIST, [21]);
  await db.query('COMMIT');
  return {
    status: 200,
    body: {
      items: rows.map((r) => ({
        id: r.p_id,
        name: r.p_name,
        description: r.p_description,
        createdBy: r.p_created_by,
        createdAt: r.p_created_at,
        updatedAt: r.p_updated_at,
      })),
      nextCursor: null,
    },
  };
}

async function create(db: PoolClient, input: { name: string; description?: string }) {
  await db.query(begin(userId));
  const [made] = (await db.query(INSERT, [input.name, input.description ?? null, userId])).rows;
  await db.query(GRANT, ['project', made.id, userId, GRANTED, userId]);
  const project = { id: made.id, name: input.name, description: input.description ?? null, createdBy: userId };
  await db.query(OUTBOX, [randomUUID(), 'project.created', ['project.created', 'project.*', '*'], JSON.stringify(project), null]);
  const [head] = (await db.query('SELECT last_seq, last_hash FROM audit_chain FOR UPDATE')).rows;
  const fields = {
    id: randomUUID(),
    seq: Number(head.last_seq) + 1,
    occurredAt: new Date().toISOString(),
    actor: { type: 'user', id: userId, email },
    impersonator: null,
    action: 'project.created',
    category: 'data',
    severity: 'info',
    resource: { type: 'project', id: made.id as string },
    changes: null,
    metadata: null,
    outcome: 'success',
    errorCode: null,
    ip: '127.0.0.1',
    userAgent: null,
    requestId: randomUUID(),
    tenantId: null,
    previousHash: head.last_hash as string,
  };
  const hash = chainHash(secret, fields);
  const row = [
    fields.id,
    fields.seq,
    fields.occurredAt,
    'user',
    userId,
    email,
    null,
    fields.action,
    fields.category,
    fields.severity,
    'project',
    made.id,
    null,
    null,
    'success',
    null,
    fields.ip,
    null,
    fields.requestId,
    null,
    hash,
    fields.previousHash,
  ];
  // The append and the commit back to back, as UnitOfWork.commitWith sends them.
  const append = appendStatement('tenant', [row], fields.seq, hash);
  await Promise.all([db.query(append.sql, append.params), db.query('COMMIT')]);
  return { status: 201, body: { ...project, createdAt: made.created_at, updatedAt: made.updated_at } };
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
    req.on('close', () => fail(new Error('the client went away')));
  });
}

async function serve(req: IncomingMessage, res: ServerResponse) {
  // The body first: a client gone mid-request must not hold a connection.
  const input = req.method === 'POST' ? JSON.parse(await body(req)) : null;
  const db = await pool.connect();
  let broken = false;
  try {
    const answer = input ? await create(db, input) : await list(db);
    const json = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
    });
    res.end(json);
  } catch (err) {
    broken = true;
    await db.query('ROLLBACK').catch(() => undefined);
    res.writeHead(500).end(String((err as Error).message));
  } finally {
    db.release(broken);
  }
}

async function main() {
  const [admin] = (await pool.query(`SELECT id, email FROM ${ident}.users ORDER BY created_at LIMIT 1`)).rows;
  userId = admin.id;
  email = admin.email;
  createServer((req, res) => void serve(req, res).catch(() => res.destroy())).listen(Number(process.env.PORT), '127.0.0.1', () =>
    process.send?.('ready'),
  );
}

void main();
