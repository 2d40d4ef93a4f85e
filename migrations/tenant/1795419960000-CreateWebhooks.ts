import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks: the tenant's endpoints, the outbox of messages (written in the transaction of the
 * change they describe), one delivery per message and endpoint (its status and schedule), and
 * the attempt log. Messages and attempts are never changed once written (the tenant role may
 * insert, read and, for retention, delete them); deliveries are never deleted by hand (they go
 * with their message or endpoint).
 */
export class CreateWebhooks1795419960000 implements MigrationInterface {
  name = 'CreateWebhooks1795419960000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
        event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 100),
        enabled boolean NOT NULL DEFAULT true,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        secret_rotated_at timestamptz,
        disabled_at timestamptz,
        disabled_reason text,
        failing_since timestamptz,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX webhook_endpoints_created_idx ON webhook_endpoints (created_at, id)`);
    await qr.query(`
      CREATE TABLE webhook_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_type text NOT NULL CHECK (event_type ~ '^[a-z_]+\\.[a-z_]+$'),
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX webhook_messages_occurred_idx ON webhook_messages (occurred_at DESC, id DESC)`);
    await qr.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'retrying', 'succeeded', 'dead')),
        run integer NOT NULL DEFAULT 1,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        locked_until timestamptz,
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (message_id, endpoint_id)
      )`);
    // The relay: deliveries not yet handed to the queue.
    await qr.query(
      `CREATE INDEX webhook_deliveries_unqueued_idx ON webhook_deliveries (created_at)
        WHERE enqueued_at IS NULL AND status IN ('pending', 'retrying')`,
    );
    // The sweeper: open deliveries by due time.
    await qr.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying')`,
    );
    // Logs and recovery: an endpoint's deliveries, newest first.
    await qr.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC)`);
    await qr.query(`
      CREATE TABLE webhook_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        run integer NOT NULL,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'refused')),
        status_code integer,
        latency_ms integer NOT NULL,
        error text,
        response_excerpt text
      )`);
    await qr.query(`CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempted_at)`);
    await qr.query(`CREATE INDEX webhook_attempts_attempted_idx ON webhook_attempts (attempted_at)`);
    // The tenant role is named like its schema: only what the product does with each table.
    await qr.query(`
      DO $$ BEGIN
        EXECUTE format('REVOKE UPDATE, TRUNCATE ON webhook_messages, webhook_attempts FROM %I', current_schema());
        EXECUTE format('REVOKE DELETE, TRUNCATE ON webhook_deliveries FROM %I', current_schema());
      END $$`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE webhook_attempts`);
    await qr.query(`DROP TABLE webhook_deliveries`);
    await qr.query(`DROP TABLE webhook_messages`);
    await qr.query(`DROP TABLE webhook_endpoints`);
  }
}
