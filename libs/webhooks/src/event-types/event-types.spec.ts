import { describe, expect, it } from 'vitest';
// The catalogue is what the libraries loaded define: load those that emit events.
import '@stratum/directory-sync';
import '@stratum/identity';
import '@stratum/platform';
import '@stratum/projects';
import '@stratum/rbac';
import '../catalogue';
import { EVENT_GROUPS, EVENT_TYPES, isSubscribable, selectorsOf, subscribes } from './event-types';

describe('event types', () => {
  it('covers users, roles, directory groups, projects, documents, API keys, the tenant and the test event', () => {
    expect([...EVENT_GROUPS].sort()).toEqual(['api_key', 'document', 'group', 'project', 'role', 'tenant', 'user', 'webhook']);
    for (const t of EVENT_TYPES) expect(t).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });

  it('matches an endpoint by exact type, group wildcard or everything', () => {
    expect(subscribes(['project.created'], 'project.created')).toBe(true);
    expect(subscribes(['project.created'], 'project.updated')).toBe(false);
    expect(subscribes(['project.*'], 'project.deleted')).toBe(true);
    expect(subscribes(['project.*'], 'document.deleted')).toBe(false);
    expect(subscribes(['*'], 'api_key.revoked')).toBe(true);
    expect(subscribes(['user.*', 'role.assigned'], 'role.assigned')).toBe(true);
    // The test event goes to the endpoint it is sent to, never by subscription.
    expect(subscribes(['*'], 'webhook.test')).toBe(false);
    expect(selectorsOf('user.created')).toEqual(['user.created', 'user.*', '*']);
  });

  it('knows what may be subscribed to', () => {
    for (const s of ['*', 'user.*', 'tenant.updated', 'document.deleted']) expect(isSubscribable(s), s).toBe(true);
    for (const s of ['webhook.test', 'webhook.*', 'user', 'users.*', 'project.exploded', '**', ''])
      expect(isSubscribable(s), s).toBe(false);
  });
});
