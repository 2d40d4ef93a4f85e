import type { RequestMethod as RequestMethodType, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { TestApi } from './api';

export interface RouteInfo {
  /** `Controller.method` */
  name: string;
  controller: Type;
  method: string;
  /** Full path as mounted, e.g. /api/v1/users/:id */
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

/** Every route handler of the running app, read through Nest's discovery, for sweep tests. */
export function sweepRoutes(api: TestApi): RouteInfo[] {
  const discovery = api.app.get(DiscoveryService);
  const scanner = api.app.get(MetadataScanner);
  const reflector = api.app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type | undefined;
    if (!controller || !wrapper.instance) continue;
    const prototype = Object.getPrototypeOf(wrapper.instance);
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[methodName];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethodType | undefined;
      if (path === undefined || method === undefined) continue;
      const local = joinPath(Reflect.getMetadata(PATH_METADATA, controller), path);
      routes.push({
        name: `${controller.name}.${methodName}`,
        controller,
        method: RequestMethod[method],
        // Operational routes (health, metrics) and the SCIM service sit outside the API prefix.
        path: /^\/(health|metrics|scim)(\/|$)/.test(local) ? local : joinPath('api/v1', local),
        meta: <T>(key: string) => reflector.getAllAndOverride<T | undefined>(key, [handler, controller]),
      });
    }
  }
  return routes;
}
