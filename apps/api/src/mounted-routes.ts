import type { INestApplication, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { SCIM_PATH } from '@stratum/directory-sync';
import { ACCOUNT_PAGE_PATHS } from '@stratum/identity';

/** A route handler of the running app, as mounted. */
export interface MountedRoute {
  /** `Controller.method` */
  name: string;
  controller: Type;
  /** `GET`, `POST`… */
  method: string;
  /** The full path as mounted, e.g. /api/v1/users/:id */
  path: string;
  /** Metadata set on the handler or its controller (the handler's wins). */
  meta<T = unknown>(key: string): T | undefined;
}

const joinPath = (...parts: (string | string[] | undefined)[]) =>
  '/' +
  parts
    .flatMap((p) => (Array.isArray(p) ? p : [p ?? '']))
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');

/** Operational routes (health, metrics), the SCIM service and the account pages sit outside the API prefix. */
const OUTSIDE_PREFIX = new RegExp(
  `^/(health|metrics|${SCIM_PATH.split('/')[0]}|${ACCOUNT_PAGE_PATHS.map((p) => p.slice(1)).join('|')})(/|$)`,
);

/**
 * Every route handler of the app, read through Nest's discovery: what the OpenAPI document's
 * finishing and the route sweeps of the tests walk.
 */
export function mountedRoutes(app: INestApplication, prefix: string): MountedRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: MountedRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type | undefined;
    if (!controller || !wrapper.instance) continue;
    const prototype = Object.getPrototypeOf(wrapper.instance);
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[methodName];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const local = joinPath(Reflect.getMetadata(PATH_METADATA, controller), path);
      routes.push({
        name: `${controller.name}.${methodName}`,
        controller,
        method: RequestMethod[method],
        path: OUTSIDE_PREFIX.test(local) ? local : joinPath(prefix, local),
        meta: <T>(key: string) => reflector.getAllAndOverride<T | undefined>(key, [handler, controller]),
      });
    }
  }
  return routes;
}
