import type { NextFunction, Request, Response } from 'express';

/**
 * API responses carry tokens, secrets and tenant data: no browser, proxy or CDN may keep a copy.
 * Set before the route runs, so errors get it too; a route that may be cached opts out by
 * setting its own `Cache-Control` (`@Header('Cache-Control', ...)`), which replaces this one.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  next();
}
