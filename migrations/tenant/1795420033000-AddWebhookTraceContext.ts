import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace context (W3C `traceparent`, `tracestate`) of the change that wrote a message, so its
 * deliveries, made later by the worker, continue that trace. Null when tracing is off.
 */
export class AddWebhookTraceContext1795420033000 implements MigrationInterface {
  name = 'AddWebhookTraceContext1795420033000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE webhook_messages ADD COLUMN trace_context jsonb`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE webhook_messages DROP COLUMN trace_context`);
  }
}
