import type { EntityManager } from 'typeorm';

/** Where an event is recorded when it is not the current tenant unit of work's transaction. */
export interface DomainEventScope {
  /** The transaction the change is written in (provisioning, a platform transaction). */
  em?: EntityManager;
  /** The tenant whose outbox receives the event; needed when `em` is not scoped to its schema. */
  tenant?: { id: string; schemaName: string };
}

/**
 * Domain events (`project.created`, `user.deactivated`, …) recorded in the tenant's outbox in
 * the same transaction as the change, so the change and its event commit together or not at
 * all. Provided by the webhooks library; the libraries below it depend on this abstraction only.
 * `data` describes the resource as a client may see it: never secrets.
 */
export abstract class DomainEvents {
  abstract emit(type: string, data: Record<string, unknown>, scope?: DomainEventScope): Promise<void>;
}
