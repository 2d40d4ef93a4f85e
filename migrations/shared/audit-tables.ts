/**
 * DDL of an audit trail, shared by the tenant schema (prefix '') and the platform schema
 * (prefix 'platform.'): the events, the chain head, the append-only trigger and the purge.
 * Part of landed migrations: never change it; write new migrations instead.
 */
export function auditTablesSql(prefix: '' | 'platform.'): string[] {
  return [
    `CREATE TABLE ${prefix}audit_events (
      id uuid PRIMARY KEY,
      seq bigint NOT NULL UNIQUE,
      occurred_at timestamptz NOT NULL,
      actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'platform_user', 'system', 'anonymous')),
      actor_id text,
      actor_email text,
      impersonator jsonb,
      action text NOT NULL,
      category text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
      resource_type text,
      resource_id text,
      changes jsonb,
      metadata jsonb,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
      error_code text,
      ip text,
      user_agent text,
      request_id text,
      tenant_id uuid,
      hash text NOT NULL,
      previous_hash text NOT NULL
    )`,
    `CREATE INDEX audit_events_occurred_idx ON ${prefix}audit_events (occurred_at DESC, seq DESC)`,
    `CREATE INDEX audit_events_action_idx ON ${prefix}audit_events (action, seq DESC)`,
    `CREATE INDEX audit_events_actor_idx ON ${prefix}audit_events (actor_id, seq DESC)`,
    `CREATE INDEX audit_events_resource_idx ON ${prefix}audit_events (resource_type, resource_id, seq DESC)`,
    `CREATE TABLE ${prefix}audit_chain (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      last_seq bigint NOT NULL,
      last_hash text NOT NULL,
      anchor_seq bigint NOT NULL,
      anchor_hash text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `INSERT INTO ${prefix}audit_chain (last_seq, last_hash, anchor_seq, anchor_hash) VALUES (0, 'genesis', 0, 'genesis')`,
    `CREATE OR REPLACE FUNCTION ${prefix}audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF TG_OP = 'DELETE' AND current_setting('stratum.audit_purge', true) = 'on' THEN RETURN OLD; END IF;
       RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP USING ERRCODE = '42501';
     END $fn$`,
    `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON ${prefix}audit_events
       FOR EACH ROW EXECUTE FUNCTION ${prefix}audit_refuse_change()`,
    `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON ${prefix}audit_events
       FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}audit_refuse_change()`,
    // Retention: removes events older than `before`, keeps the hash of the last one removed as
    // the chain's new anchor, and answers how many went. Only a prefix of the chain can go, so it
    // ends before the first event still within retention (none of those goes, whatever the
    // clocks of the writers said). Only the app's own role may call it.
    `CREATE FUNCTION ${prefix}audit_purge(before timestamptz) RETURNS bigint LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
     DECLARE cut_seq bigint; cut_hash text; first_kept bigint; removed bigint;
     BEGIN
       SELECT min(e.seq) INTO first_kept FROM ${prefix}audit_events e WHERE e.occurred_at >= before;
       SELECT e.seq, e.hash INTO cut_seq, cut_hash FROM ${prefix}audit_events e
        WHERE e.occurred_at < before AND (first_kept IS NULL OR e.seq < first_kept)
        ORDER BY e.seq DESC LIMIT 1;
       IF cut_seq IS NULL THEN RETURN 0; END IF;
       PERFORM set_config('stratum.audit_purge', 'on', true);
       DELETE FROM ${prefix}audit_events e WHERE e.seq <= cut_seq;
       GET DIAGNOSTICS removed = ROW_COUNT;
       PERFORM set_config('stratum.audit_purge', 'off', true);
       UPDATE ${prefix}audit_chain SET anchor_seq = cut_seq, anchor_hash = cut_hash, updated_at = now();
       RETURN removed;
     END $fn$`,
    `REVOKE ALL ON FUNCTION ${prefix}audit_purge(timestamptz) FROM PUBLIC`,
  ];
}
