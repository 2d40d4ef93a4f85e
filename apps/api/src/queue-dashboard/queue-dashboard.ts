import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { Principal } from '@stratum/common';
import type { AppConfig } from '@stratum/config';
import { QueuesService } from '@stratum/platform';
import type { Queue } from 'bullmq';
import { json, Router, type Express, type NextFunction, type Request, type Response } from 'express';
import passport from 'passport';
import { SIGN_IN_PAGE, SIGN_IN_SCRIPT } from './sign-in-page';

/** Where the dashboard lives: outside /api/v1, like Swagger UI at /docs. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'stratum_queues';
/** The one write the dashboard allows (super admins): retrying a job, answered by the audited API route. */
const RETRY = /^\/api\/queues\/([^/]+)\/([^/]+)\/retry$/;

type StaffRole = 'super_admin' | 'support';

/**
 * The bull-board queue dashboard behind platform sign-in. The sign-in page uses the platform's
 * own login routes (MFA, lockout, rate limits and audit included) and hands the access token to
 * an HttpOnly, SameSite=Strict cookie that lives as long as the token. Support staff get a
 * read-only board; super admins one with retries, which go to `POST /api/v1/platform/queues/…/retry`
 * (so they are audited like any other); every other write is refused. Job data stays out of both.
 */
export function mountQueueDashboard(app: INestApplication, config: AppConfig, apiPrefix: string): void {
  const queues = app.get(QueuesService).all();
  const boards: Record<StaffRole, Router> = {
    support: board(queues, { readOnlyMode: true }),
    super_admin: board(queues, { readOnlyMode: false, allowRetries: true }),
  };
  const secure = config.isProduction ? '; Secure' : '';
  const router = Router();

  router.get('/sign-in', (_req, res) => void res.type('html').send(SIGN_IN_PAGE));
  router.get('/sign-in.js', (_req, res) => void res.type('application/javascript').send(SIGN_IN_SCRIPT));
  router.post('/session', json({ limit: '8kb' }), (req: Request, res: Response, next: NextFunction) => {
    const token = typeof req.body?.accessToken === 'string' ? (req.body.accessToken as string) : '';
    void authenticate(req, res, token).then((role) => {
      if (!role) return void res.status(401).json({ error: 'Not a platform staff sign-in' });
      res.setHeader(
        'Set-Cookie',
        `${COOKIE}=${token}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${config.JWT_ACCESS_TTL_SECONDS}${secure}`,
      );
      res.status(204).end();
    }, next);
  });
  router.post('/sign-out', (_req, res) => {
    res.setHeader('Set-Cookie', `${COOKIE}=; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=0${secure}`);
    res.redirect(303, `${QUEUE_DASHBOARD_PATH}/sign-in`);
  });

  router.use((req: Request, res: Response, next: NextFunction) => {
    void authenticate(req, res, cookie(req, COOKIE)).then((role) => {
      if (!role) {
        if (req.method === 'GET' && !req.path.startsWith('/api/')) return res.redirect(303, `${QUEUE_DASHBOARD_PATH}/sign-in`);
        return void res.status(401).json({ error: 'Sign in again' });
      }
      if (req.method === 'GET' || req.method === 'HEAD') return boards[role](req, res, next);
      res.status(403).json({ error: 'Not allowed from the dashboard' });
    }, next);
  });

  const http = app.getHttpAdapter().getInstance() as Express;
  // A super admin's retry is answered by the API's own route: the same policy, the same audit
  // event. Rewritten at the top of the app, where the URL is whole and the API's routes follow.
  http.use((req: Request, res: Response, next: NextFunction) => {
    const retry =
      req.method === 'PUT' && req.path.startsWith(`${QUEUE_DASHBOARD_PATH}/`)
        ? RETRY.exec(req.path.slice(QUEUE_DASHBOARD_PATH.length))
        : null;
    if (!retry) return next();
    const token = cookie(req, COOKIE);
    void authenticate(req, res, token).then((role) => {
      if (role !== 'super_admin') return void res.status(role ? 403 : 401).json({ error: 'Only super admins retry jobs' });
      req.url = `/${apiPrefix}/platform/queues/${retry[1]}/jobs/${retry[2]}/retry`;
      req.method = 'POST';
      req.headers.authorization = `Bearer ${token}`;
      delete req.headers['content-type'];
      delete req.headers['content-length'];
      next();
    }, next);
  });
  http.use(QUEUE_DASHBOARD_PATH, router);
}

function board(queues: Queue[], options: ConstructorParameters<typeof BullMQAdapter>[1]): Router {
  const server = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  const adapters = queues.map((q) => {
    const adapter = new BullMQAdapter(q, options);
    // Job data holds addresses, one-time links and webhook payloads: only where it belongs is shown.
    adapter.setFormatter('data', (data: Record<string, unknown> | null) => ({
      tenantId: typeof data?.tenantId === 'string' ? data.tenantId : null,
      tenantName: typeof data?.tenantName === 'string' ? data.tenantName : null,
    }));
    return adapter;
  });
  // @bull-board/express pins its own copy of @bull-board/api: the same classes, declared twice.
  const serverAdapter = server as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: adapters, serverAdapter, options: { uiConfig: { boardTitle: 'Stratum queues' } } });
  return server.getRouter() as Router;
}

/** The platform role of a valid, unrevoked platform access token (the API's own JWT strategy), or null. */
function authenticate(req: Request, res: Response, token: string): Promise<StaffRole | null> {
  if (!token || !/^[\w.-]+$/.test(token)) return Promise.resolve(null);
  const probe = { headers: { authorization: `Bearer ${token}` } } as Request;
  return new Promise((resolve, reject) => {
    passport.authenticate('jwt', { session: false }, (err: unknown, user: Principal | false) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      if (!user || user.kind !== 'platform_user' || user.mfaSetupRequired) return resolve(null);
      resolve(user.roles.includes('super_admin') ? 'super_admin' : user.roles.includes('support') ? 'support' : null);
    })(probe, res, () => resolve(null));
  });
}

function cookie(req: Request, name: string): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return '';
}
