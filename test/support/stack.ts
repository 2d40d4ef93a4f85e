import { Client } from 'pg';
import { inject } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from './api';
import { ownQueues, testConfig } from './config';
import { superAdminToken } from './fixtures';
import { startSmtp, TestSmtp } from './smtp';

/**
 * The API and the worker on queues of their own, sending mail to a local SMTP server, with a
 * superuser database connection and a super admin's token: what a test of a flow that emails needs.
 */
export interface MailStack {
  smtp: TestSmtp;
  api: TestApi;
  worker: RunningWorker;
  pg: Client;
  root: string;
  close(): Promise<void>;
}

export async function startMailStack(overrides: Record<string, string> = {}): Promise<MailStack> {
  const started: { close(): Promise<unknown> }[] = [];
  const close = async () => {
    for (const s of started.reverse()) await s.close();
  };
  try {
    const smtp = await startSmtp();
    started.push(smtp);
    const config = { ...ownQueues(), SMTP_URL: smtp.url, ...overrides };
    const api = await startApi(config);
    started.push(api);
    const worker = await startWorker(testConfig(config));
    started.push(worker);
    const pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    started.push({ close: () => pg.end() });
    return { smtp, api, worker, pg, root: await superAdminToken(api), close };
  } catch (err) {
    await close();
    throw err;
  }
}
