import { API_PREFIX } from '../../apps/api/src/create-api-app';
import { MountedRoute, mountedRoutes } from '../../apps/api/src/mounted-routes';
import type { TestApi } from './api';

export type RouteInfo = MountedRoute;

/** Every route handler of the running app, read through Nest's discovery, for sweep tests. */
export function sweepRoutes(api: TestApi): RouteInfo[] {
  return mountedRoutes(api.app, API_PREFIX);
}
