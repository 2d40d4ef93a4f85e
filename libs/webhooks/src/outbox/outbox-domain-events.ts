import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainEventMap, DomainEvents, DomainEventScope, DomainEventType } from '@stratum/common';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { currentTraceContext } from '@stratum/tracing';
import { randomUUID } from 'node:crypto';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { isEventType, selectorsOf } from '../event-types/event-types';
import { OutboxRepository } from './outbox.repository';
import { OutboxSignal } from './outbox-signal';

/** Tenants with outbox rows written in a transaction, kept on its query runner until it ends. */
const PENDING = Symbol('webhookOutboxTenants');
type RunnerData = { [PENDING]?: Set<string> };

/**
 * Writes domain events to the tenant's outbox: a message, and one delivery per enabled endpoint
 * subscribed to its type, in one statement of the caller's transaction (nothing is written when
 * no endpoint wants the event). When that transaction commits, the relay is signalled; a
 * rolled-back change leaves neither rows nor signal.
 */
@Injectable()
export class OutboxDomainEvents extends DomainEvents implements OnModuleInit, EntitySubscriberInterface {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly signal: OutboxSignal,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {
    super();
  }

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  async emit<T extends DomainEventType>(type: T, data: DomainEventMap[T], scope: DomainEventScope = {}): Promise<void> {
    // The compiler checks callers; this catches a type whose library's catalogue never loaded.
    if (!isEventType(type)) throw new Error(`unknown domain event type ${type}`);
    const em = scope.em ?? (await this.db.manager());
    const tenantId = scope.tenant?.id ?? this.context.find()?.id;
    const inserted = await this.outbox.write(
      em,
      randomUUID(),
      type,
      selectorsOf(type),
      data,
      currentTraceContext(),
      scope.tenant?.schemaName,
    );
    if (inserted && tenantId) this.relayAfterCommit(em, tenantId);
  }

  /**
   * Writes a message for exactly the given endpoints (the test event), whatever they subscribe
   * to. Answers the message id.
   */
  async emitTo<T extends DomainEventType>(endpointIds: string[], type: T, data: DomainEventMap[T]): Promise<string> {
    const em = await this.db.manager();
    const id = randomUUID();
    await this.outbox.writeTo(em, id, endpointIds, type, data, currentTraceContext());
    this.relayAfterCommit(em, this.context.get().id);
    return id;
  }

  /** Signals the relay once the transaction of `em` commits (deliveries were reset for retrying). */
  relayAfterCommit(em: EntityManager, tenantId: string): void {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) {
      this.signal.notify(tenantId);
      return;
    }
    const data = runner.data as RunnerData;
    (data[PENDING] ??= new Set()).add(tenantId);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // Also called when a savepoint is released: only the outermost commit counts.
    if (event.queryRunner.isTransactionActive) return;
    for (const tenantId of this.take(event.queryRunner)) this.signal.notify(tenantId);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.take(event.queryRunner);
  }

  private take(runner: QueryRunner): string[] {
    const data = runner.data as RunnerData | undefined;
    const pending = data?.[PENDING];
    if (!pending?.size) return [];
    const tenants = [...pending];
    pending.clear();
    return tenants;
  }
}
