import type { TraceCarrier } from '@stratum/tracing';

/** What the API puts on the `email` queue; the worker renders and sends it. */
export type MailJob =
  | { template: 'invitation'; to: string; tenantName: string; data: { inviterName?: string; link: string; expiresAt: string } }
  | { template: 'password-reset'; to: string; tenantName: string; data: { link: string; expiresAt: string } }
  | { template: 'verify-email'; to: string; tenantName: string; data: { link: string; expiresAt: string } }
  | {
      template: 'security-alert';
      to: string;
      tenantName: string;
      data: { event: 'account-locked' | 'refresh-token-reuse'; ip?: string; at: string; lockedUntil?: string };
    }
  | {
      template: 'impersonation-started';
      to: string;
      tenantName: string;
      data: {
        staffEmail: string;
        userEmail: string;
        reason: string;
        /** Older jobs have none: they were started before modes existed and could write. */
        mode?: 'read' | 'write';
        startedAt: string;
        expiresAt: string;
      };
    }
  | {
      template: 'webhook-endpoint-disabled';
      to: string;
      tenantName: string;
      data: { endpointId: string; url: string; reason: string; disabledAt: string };
    };

export type MailTemplate = MailJob['template'];

/** A job as queued: the email, and the trace of the request that sent it, which the send continues. */
export type QueuedMail = MailJob & { traceContext?: TraceCarrier };
