import { domainEventCatalogue, isDomainEventType, whenDomainEventsDefined } from '@stratum/common';

/**
 * The event types a webhook endpoint can subscribe to: the domain events every library defines
 * in its own catalogue (`defineDomainEvents`). Services emit them through DomainEvents; an
 * endpoint names types exactly, a whole group (`project.*`) or everything (`*`).
 * The lists below are filled in place as catalogues load (a library's may load after this file),
 * so the validators and Swagger schemas that hold them see every type.
 */
export const EVENT_TYPES: string[] = [];

/** `user`, `project`, …: the part before the dot. */
export const EVENT_GROUPS: string[] = [];

/** What an endpoint may subscribe to: every type but `webhook.test`, every `<group>.*`, and `*`. */
export const SUBSCRIPTIONS: string[] = [];

const refill = (list: string[], values: string[]) => list.splice(0, list.length, ...values);

whenDomainEventsDefined(() => {
  refill(
    EVENT_TYPES,
    domainEventCatalogue().map((e) => e.type),
  );
  refill(EVENT_GROUPS, [...new Set(EVENT_TYPES.map((t) => t.split('.')[0]))]);
  refill(SUBSCRIPTIONS, [
    '*',
    ...EVENT_GROUPS.filter((g) => g !== 'webhook').map((g) => `${g}.*`),
    ...EVENT_TYPES.filter((t) => t !== 'webhook.test'),
  ]);
});

export const isEventType = isDomainEventType;

export function isSubscribable(value: string): boolean {
  return SUBSCRIPTIONS.includes(value);
}

/** The subscription entries that select `type`: itself, its group and `*` (one array for SQL's `&&`). */
export function selectorsOf(type: string): string[] {
  return [type, `${type.split('.')[0]}.*`, '*'];
}

/** Whether an endpoint subscribed to `subscriptions` receives `type`. */
export function subscribes(subscriptions: readonly string[], type: string): boolean {
  return type !== 'webhook.test' && selectorsOf(type).some((s) => subscriptions.includes(s));
}
