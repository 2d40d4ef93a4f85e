import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';
import { allEvents, schemaOf, superuser, verify, VerifyResult } from './helpers';

const WRITERS = 50;

/**
 * Concurrent writers of one tenant line up on the chain head: one chain, no fork, no gap, and a
 * verification running meanwhile never reports a false alarm.
 */
describe('audit chain under concurrent writers', () => {
  let api: TestApi;
  let root: string;
  let t: TestTenant;
  let pg: Client;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    t = await createTenant(api, root);
    pg = await superuser();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  it(`${WRITERS} parallel mutating requests produce one valid, contiguous chain with one event each`, async () => {
    // Some projects to rename, so that the writers are of two kinds.
    const renamed: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: `to rename ${i}` } });
      expect(res.status).toBe(201);
      renamed.push(res.body.id);
    }
    const before = (await verify(api, t.token)).checked;

    let writing = true;
    const verifications: VerifyResult[] = [];
    const verifier = (async () => {
      while (writing) verifications.push(await verify(api, t.token));
    })();
    const replies = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        i < renamed.length
          ? api.call('PATCH', `/api/v1/projects/${renamed[i]}`, { token: t.token, body: { name: `renamed ${i}` } })
          : api.call('POST', '/api/v1/projects', { token: t.token, body: { name: `parallel ${i}` } }),
      ),
    );
    writing = false;
    await verifier;
    for (const res of replies) expect([200, 201], JSON.stringify(res.body)).toContain(res.status);

    // Every verification that ran while the writers were busy saw a valid chain.
    expect(verifications.length).toBeGreaterThan(0);
    for (const v of verifications) expect(v, JSON.stringify(v)).toMatchObject({ valid: true, firstInvalidId: null });

    const result = await verify(api, t.token);
    expect(result).toEqual({ valid: true, checked: before + WRITERS, firstInvalidId: null, headSeq: before + WRITERS });

    const events = (await allEvents(api, t.token)).reverse();
    expect(events).toHaveLength(before + WRITERS);
    events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      expect(e.previousHash).toBe(i === 0 ? 'genesis' : events[i - 1].hash);
    });
    // One event per request, for the resource it changed.
    const created = replies.filter((r) => r.status === 201).map((r) => r.body.id as string);
    const createdEvents = events.filter((e) => e.action === 'project.created' && created.includes(e.resource.id!));
    expect(createdEvents.map((e) => e.resource.id).sort()).toEqual([...created].sort());
    const updatedEvents = events.filter((e) => e.action === 'project.updated');
    expect(updatedEvents.map((e) => e.resource.id).sort()).toEqual([...renamed].sort());
    for (const e of updatedEvents) {
      const i = renamed.indexOf(e.resource.id!);
      expect(e.changes).toEqual({ before: { name: `to rename ${i}` }, after: { name: `renamed ${i}` } });
    }

    const { rows } = await pg.query(
      `SELECT (SELECT last_seq FROM "${schemaOf(t.id)}".audit_chain)::int AS head, count(DISTINCT seq)::int AS distinct_seqs,
              count(DISTINCT previous_hash)::int AS distinct_links FROM "${schemaOf(t.id)}".audit_events`,
    );
    // No two events claim the same predecessor: the chain never forked.
    expect(rows[0]).toEqual({ head: before + WRITERS, distinct_seqs: before + WRITERS, distinct_links: before + WRITERS });
  });
});
