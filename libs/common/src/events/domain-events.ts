import type { EntityManager } from 'typeorm';
import { PayloadOf, PayloadSchema } from './payload-schema';

/**
 * Domain event type → payload type. Empty here: each library adds the events it emits in its own
 * catalogue file, by declaration merging, from the same definitions it registers at run time:
 *
 *   export const PROJECT_EVENTS = defineDomainEvents({ 'project.created': { description, schema } });
 *   type ProjectEvents = DomainEventsOf<typeof PROJECT_EVENTS>;
 *   declare module '@stratum/common' { interface DomainEventMap extends ProjectEvents {} }
 *
 * so `emit('project.created', data)` with an unknown type or a wrong payload fails to compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEventMap {}

export type DomainEventType = keyof DomainEventMap & string;

export interface DomainEventDef<T = unknown> {
  description: string;
  /** The JSON Schema of `data`, published to webhook receivers. */
  schema: PayloadSchema<T>;
}

/** The payload types of a set of definitions, for `interface DomainEventMap extends …`. */
export type DomainEventsOf<D extends Record<string, DomainEventDef>> = { [K in keyof D]: PayloadOf<D[K]['schema']> };

const catalogue = new Map<string, DomainEventDef>();
const listeners: (() => void)[] = [];

/** Registers a library's domain events (its catalogue file calls this once) and answers them. */
export function defineDomainEvents<const D extends Record<string, DomainEventDef>>(defs: D): D {
  for (const [type, def] of Object.entries(defs)) {
    if (!/^[a-z_]+\.[a-z_]+$/.test(type)) throw new Error(`domain event type ${type} is not <group>.<name>`);
    const known = catalogue.get(type);
    // The same definition evaluated twice (two module instances) is harmless; two different ones are not.
    if (known && JSON.stringify(known) !== JSON.stringify(def)) throw new Error(`domain event type ${type} is defined twice`);
    catalogue.set(type, def);
  }
  for (const listener of listeners) listener();
  return defs;
}

/**
 * Calls `listener` now and whenever a library defines more events: for lists kept by reference
 * where they are declared (validation and Swagger decorators), which may run before every
 * library's catalogue has loaded.
 */
export function whenDomainEventsDefined(listener: () => void): void {
  listeners.push(listener);
  listener();
}

export interface DomainEventEntry extends DomainEventDef {
  type: string;
}

/** Every registered event type, sorted by type (the order never depends on which library loaded first). */
export function domainEventCatalogue(): DomainEventEntry[] {
  return [...catalogue.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, def]) => ({ type, ...def }));
}

export function isDomainEventType(value: string): value is DomainEventType {
  return catalogue.has(value);
}

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
  abstract emit<T extends DomainEventType>(type: T, data: DomainEventMap[T], scope?: DomainEventScope): Promise<void>;
}
