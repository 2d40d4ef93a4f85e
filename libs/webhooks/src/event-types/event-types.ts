/**
 * The event types a webhook endpoint can subscribe to. Services emit them through DomainEvents;
 * an endpoint names types exactly, a whole group (`project.*`) or everything (`*`).
 */
export const EVENT_TYPES = {
  'user.created': 'A user was created or invited',
  'user.updated': 'A user\u2019s name or profile changed',
  'user.deactivated': 'A user was deactivated',
  'user.reactivated': 'A deactivated user was reactivated',
  'user.provisioned': 'The directory (SCIM) created a user or adopted an existing one',
  'user.deprovisioned': 'The directory (SCIM) deactivated or deleted a user',
  'group.updated': 'The directory (SCIM) created, changed or deleted a group or its members',
  'role.created': 'A custom role was created',
  'role.updated': 'A custom role was changed',
  'role.deleted': 'A custom role was deleted',
  'role.assigned': 'A role was assigned to a user',
  'role.unassigned': 'A role was taken from a user',
  'project.created': 'A project was created',
  'project.updated': 'A project was changed',
  'project.deleted': 'A project was deleted',
  'document.created': 'A document was created',
  'document.updated': 'A document was changed',
  'document.deleted': 'A document was deleted',
  'api_key.created': 'An API key was created',
  'api_key.revoked': 'An API key was revoked',
  'tenant.updated': 'The tenant\u2019s name, plan, settings or limits changed',
  'webhook.test': 'A test event, sent on request to one endpoint only',
} as const;

export type EventType = keyof typeof EVENT_TYPES;

export const ALL_EVENT_TYPES = Object.keys(EVENT_TYPES) as EventType[];

/** `user`, `project`, …: the part before the dot. */
export const EVENT_GROUPS = [...new Set(ALL_EVENT_TYPES.map((t) => t.split('.')[0]))];

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, value);
}

/** What an endpoint may subscribe to: every type but `webhook.test`, every `<group>.*`, and `*`. */
export const SUBSCRIPTIONS: readonly string[] = [
  '*',
  ...EVENT_GROUPS.filter((g) => g !== 'webhook').map((g) => `${g}.*`),
  ...ALL_EVENT_TYPES.filter((t) => t !== 'webhook.test'),
];

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
