import { DatabaseError, type Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';
import { allEvents, schemaOf, superuser, verify } from './helpers';

/**
 * The trail is append-only inside PostgreSQL, for the tenant's own role and even for a superuser
 * that leaves the trigger in place; tampering behind that (trigger disabled) is found by the
 * chain verification, as is deleting the newest events.
 */
describe('audit trail integrity', () => {
  let api: TestApi;
  let root: string;
  let pg: Client;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    pg = await superuser();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  /** A tenant with some events in its trail. */
  const tenantWithEvents = async (projects = 5): Promise<TestTenant> => {
    const t = await createTenant(api, root);
    for (let i = 0; i < projects; i++) {
      const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: `p${i}`, description: 'd' } });
      expect(res.status).toBe(201);
    }
    return t;
  };

  /** Runs statements in one transaction and answers the PostgreSQL error it ended with (rolled back). */
  const refusal = async (statements: string[], params: unknown[][] = []): Promise<DatabaseError> => {
    await pg.query('BEGIN');
    try {
      for (const [i, sql] of statements.entries()) await pg.query(sql, params[i] ?? []);
    } catch (err) {
      return err as DatabaseError;
    } finally {
      await pg.query('ROLLBACK');
    }
    throw new Error(`accepted: ${statements.join('; ')}`);
  };

  /** A snapshot of the stored trail, to prove that refused statements changed nothing. */
  const snapshot = async (t: TestTenant) =>
    (
      await pg.query(
        `SELECT md5(string_agg(a::text, '|' ORDER BY seq)) AS digest, count(*)::int AS n FROM "${schemaOf(t.id)}".audit_events a`,
      )
    ).rows[0];

  /** Changes rows behind the trigger's back, as a superuser able to disable it would. */
  const tamper = async (t: TestTenant, sql: string, params: unknown[]) => {
    const schema = schemaOf(t.id);
    await pg.query('BEGIN');
    await pg.query(`ALTER TABLE "${schema}".audit_events DISABLE TRIGGER audit_events_append_only`);
    await pg.query(sql.replaceAll('audit_events', `"${schema}".audit_events`), params);
    await pg.query(`ALTER TABLE "${schema}".audit_events ENABLE TRIGGER audit_events_append_only`);
    await pg.query('COMMIT');
  };

  describe('append-only in PostgreSQL', () => {
    let t: TestTenant;
    let schema: string;
    const asTenant = () => [`SET LOCAL ROLE "${schema}"`, `SET LOCAL search_path TO "${schema}"`];

    beforeAll(async () => {
      t = await tenantWithEvents(3);
      schema = schemaOf(t.id);
    });

    it('the tenant role may read and append, and nothing else: UPDATE, DELETE and TRUNCATE fail', async () => {
      const before = await snapshot(t);
      expect(before.n).toBeGreaterThan(3);
      // What the writer needs works (in a transaction that is rolled back).
      await pg.query('BEGIN');
      for (const sql of asTenant()) await pg.query(sql);
      const { rows } = await pg.query('SELECT count(*)::int AS n FROM audit_events');
      expect(rows[0].n).toBe(before.n);
      await pg.query('ROLLBACK');

      for (const sql of [
        `UPDATE audit_events SET action = 'project.deleted' WHERE seq = 2`,
        `UPDATE audit_events SET outcome = 'failure'`,
        'DELETE FROM audit_events WHERE seq = 2',
        'DELETE FROM audit_events',
        'TRUNCATE audit_events',
        'TRUNCATE audit_chain',
        'DELETE FROM audit_chain',
        `SELECT audit_purge(now())`,
      ]) {
        const err = await refusal([...asTenant(), sql]);
        expect(err.code, `${sql}: ${err.message}`).toBe('42501');
        expect(err.message).toMatch(/permission denied/);
      }
      // The purge's switch is a plain setting: setting it does not give the tenant role the right to delete.
      const guc = await refusal([
        ...asTenant(),
        `SELECT set_config('stratum.audit_purge', 'on', true)`,
        'DELETE FROM audit_events',
      ]);
      expect(guc.code).toBe('42501');
      expect(await snapshot(t)).toEqual(before);
    });

    it('even a superuser is refused UPDATE, DELETE and TRUNCATE while the trigger is in place', async () => {
      const before = await snapshot(t);
      for (const [sql, op] of [
        [`UPDATE "${schema}".audit_events SET metadata = '{"forged":true}' WHERE seq = 1`, 'UPDATE'],
        [`UPDATE "${schema}".audit_events SET hash = previous_hash`, 'UPDATE'],
        [`DELETE FROM "${schema}".audit_events WHERE seq = (SELECT max(seq) FROM "${schema}".audit_events)`, 'DELETE'],
        [`DELETE FROM "${schema}".audit_events`, 'DELETE'],
        [`TRUNCATE "${schema}".audit_events`, 'TRUNCATE'],
      ]) {
        const err = await refusal([sql]);
        expect(err.code, `${sql}: ${err.message}`).toBe('42501');
        expect(err.message).toBe(`audit events are append-only (${op} refused)`);
      }
      expect(await snapshot(t)).toEqual(before);
      // The platform trail is guarded the same way.
      for (const [sql, op] of [
        [`UPDATE platform.audit_events SET action = 'tenant.updated'`, 'UPDATE'],
        ['DELETE FROM platform.audit_events', 'DELETE'],
        ['TRUNCATE platform.audit_events', 'TRUNCATE'],
      ]) {
        expect((await refusal([sql])).message).toBe(`audit events are append-only (${op} refused)`);
      }
      expect(await verify(api, t.token)).toMatchObject({ valid: true, checked: before.n, headSeq: before.n });
    });
  });

  describe('tamper detection', () => {
    it('finds an edited event: valid false, and that event named as the first invalid one', async () => {
      const t = await tenantWithEvents(6);
      const events = (await allEvents(api, t.token)).reverse();
      const n = events.length;
      expect(await verify(api, t.token)).toEqual({ valid: true, checked: n, firstInvalidId: null, headSeq: n });
      const victim = events[4];
      const original = (await pg.query(`SELECT resource_id FROM "${schemaOf(t.id)}".audit_events WHERE id = $1`, [victim.id]))
        .rows[0];
      await tamper(t, `UPDATE audit_events SET resource_id = 'someone-else' WHERE id = $1`, [victim.id]);
      const result = await verify(api, t.token);
      expect(result).toMatchObject({ valid: false, firstInvalidId: victim.id, checked: victim.seq, headSeq: n });
      expect(result.reason).toMatch(/hash/);
      // Put back as it was, the event verifies again: the check is about content, not about the edit.
      await tamper(t, `UPDATE audit_events SET resource_id = $2 WHERE id = $1`, [victim.id, original.resource_id]);
      expect(await verify(api, t.token)).toMatchObject({ valid: true, checked: n });
    });

    it('finds an event whose hash was recomputed without the key, and an event re-linked to skip another', async () => {
      const t = await tenantWithEvents(6);
      const events = (await allEvents(api, t.token)).reverse();
      const victim = events[3];
      await tamper(t, `UPDATE audit_events SET outcome = 'failure', hash = md5(id::text || 'forged') WHERE id = $1`, [victim.id]);
      expect(await verify(api, t.token)).toMatchObject({ valid: false, firstInvalidId: victim.id });

      const other = await tenantWithEvents(6);
      const trail = (await allEvents(api, other.token)).reverse();
      // Remove an event from the middle and close the gap in the positions: the next event's
      // previous hash still names the removed one.
      await tamper(other, 'DELETE FROM audit_events WHERE id = $1', [trail[2].id]);
      for (const e of trail.slice(3)) await tamper(other, 'UPDATE audit_events SET seq = $2 WHERE id = $1', [e.id, e.seq - 1]);
      expect(await verify(api, other.token)).toMatchObject({ valid: false, firstInvalidId: trail[3].id });
    });

    it('finds an event deleted from the middle', async () => {
      const t = await tenantWithEvents(5);
      const events = (await allEvents(api, t.token)).reverse();
      await tamper(t, 'DELETE FROM audit_events WHERE id = $1', [events[2].id]);
      const result = await verify(api, t.token);
      expect(result).toMatchObject({ valid: false, firstInvalidId: events[3].id });
      expect(result.reason).toMatch(/missing/);
    });

    it("finds an event appended behind the writer's back, past the head or with the head moved too", async () => {
      const t = await tenantWithEvents(3);
      const schema = schemaOf(t.id);
      const forge = async (seq: number) => {
        const { rows } = await pg.query(
          `INSERT INTO "${schema}".audit_events
             SELECT gen_random_uuid(), $1, now(), actor_type, actor_id, actor_email, impersonator, action, category, severity,
                    resource_type, resource_id, changes, metadata, outcome, error_code, ip, user_agent, request_id, tenant_id,
                    md5(random()::text), hash
               FROM "${schema}".audit_events WHERE seq = (SELECT max(seq) FROM "${schema}".audit_events)
           RETURNING id`,
          [seq],
        );
        return rows[0].id as string;
      };
      const { headSeq } = await verify(api, t.token);
      const beyond = await forge(headSeq + 5);
      expect(await verify(api, t.token)).toMatchObject({ valid: false, firstInvalidId: beyond, headSeq });
      await tamper(t, 'DELETE FROM audit_events WHERE id = $1', [beyond]);
      expect((await verify(api, t.token)).valid).toBe(true);

      // The tenant role may move the head (its writer does); a forged event is found all the same.
      const next = await forge(headSeq + 1);
      await pg.query(
        `UPDATE "${schema}".audit_chain SET last_seq = $1, last_hash = (SELECT hash FROM "${schema}".audit_events WHERE id = $2)`,
        [headSeq + 1, next],
      );
      expect(await verify(api, t.token)).toMatchObject({ valid: false, firstInvalidId: next, headSeq: headSeq + 1 });
    });

    it('finds the newest events deleted, by the chain head kept outside the events table', async () => {
      const t = await tenantWithEvents(5);
      const events = (await allEvents(api, t.token)).reverse();
      const n = events.length;
      await tamper(t, 'DELETE FROM audit_events WHERE seq > $1', [n - 2]);
      const { rows } = await pg.query(`SELECT count(*)::int AS n FROM "${schemaOf(t.id)}".audit_events`);
      expect(rows[0].n).toBe(n - 2);
      const result = await verify(api, t.token);
      expect(result).toMatchObject({ valid: false, checked: n - 2, headSeq: n });
      expect(result.reason).toMatch(new RegExp(`${n}`));
      // New events do not paper over the gap.
      expect((await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: 'after' } })).status).toBe(201);
      expect((await verify(api, t.token)).valid).toBe(false);
    });
  });
});
