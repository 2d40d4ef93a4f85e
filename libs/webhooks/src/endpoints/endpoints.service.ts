import { Injectable } from '@nestjs/common';
import { AuditNotes, diff, DomainError, OutboundPolicy, resolveTarget, UrlRefused } from '@stratum/common';
import { WebhookSettings } from '@stratum/config';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { randomUUID } from 'node:crypto';
import { newSigningSecret } from '../delivery/signature';
import { WebhookDeliveriesRepository } from '../delivery/webhook-deliveries.repository';
import { OutboxDomainEvents } from '../outbox/outbox-domain-events';
import { CreateWebhookEndpointDto, UpdateWebhookEndpointDto, WebhookEndpointDto } from './dto/endpoint.dto';
import { EndpointSecrets } from './endpoint-secrets';
import { EndpointsRepository } from './endpoints.repository';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** How long the secret before a rotation keeps signing. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

const toDto = (e: WebhookEndpoint): WebhookEndpointDto => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  enabled: e.enabled,
  disabledAt: e.disabledAt,
  disabledReason: e.disabledReason,
  failingSince: e.failingSince,
  secretRotatedAt: e.secretRotatedAt,
  previousSecretExpiresAt: e.previousSecretExpiresAt,
  createdBy: e.createdBy,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

/** What the audit trail shows of an endpoint's changes (never its secret). */
const audited = (e: Pick<WebhookEndpoint, 'url' | 'eventTypes' | 'description' | 'enabled'>) => ({
  url: e.url,
  eventTypes: e.eventTypes,
  description: e.description,
  enabled: e.enabled,
});

/** The webhook endpoints of the tenant in context. */
@Injectable()
export class EndpointsService {
  private readonly policy: OutboundPolicy;

  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly plans: PlanEnforcer,
    private readonly secrets: EndpointSecrets,
    private readonly outbox: OutboxDomainEvents,
    private readonly notes: AuditNotes,
    private readonly endpoints: EndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    config: WebhookSettings,
  ) {
    this.policy = { requireHttps: config.isProduction, allowLoopback: config.WEBHOOKS_ALLOW_LOOPBACK };
  }

  async list(): Promise<WebhookEndpointDto[]> {
    return (await this.endpoints.all(await this.db.manager())).map(toDto);
  }

  async get(id: string): Promise<WebhookEndpointDto> {
    return toDto(await this.load(id));
  }

  /** Creates an endpoint within the plan's `webhookEndpoints`; its signing secret is answered once. */
  async create(dto: CreateWebhookEndpointDto, actorId: string | null): Promise<{ endpoint: WebhookEndpointDto; secret: string }> {
    await this.checkUrl(dto.url);
    const em = await this.db.manager();
    // Concurrent creations line up here, so the count below cannot be outrun.
    await this.endpoints.lockCreations(em);
    this.plans.requireWithin('webhookEndpoints', await this.endpoints.count(em));
    const id = randomUUID();
    const secret = newSigningSecret();
    await this.endpoints.insert(em, {
      id,
      url: dto.url,
      description: dto.description ?? '',
      eventTypes: dto.eventTypes,
      enabled: dto.enabled ?? true,
      secret: this.secrets.seal(this.tenant.get().id, id, secret),
      createdBy: actorId,
      ...(dto.enabled === false ? { disabledAt: new Date(), disabledReason: 'disabled by a user' } : {}),
    });
    const endpoint = await this.load(id);
    this.notes.describe({ changes: diff(null, audited(endpoint)) });
    return { endpoint: toDto(endpoint), secret };
  }

  async update(id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    const endpoint = await this.load(id);
    if (dto.url !== undefined && dto.url !== endpoint.url) await this.checkUrl(dto.url);
    const before = audited(endpoint);
    const em = await this.db.manager();
    const changes: Partial<WebhookEndpoint> = {};
    if (dto.url !== undefined) changes.url = dto.url;
    if (dto.eventTypes !== undefined) changes.eventTypes = dto.eventTypes;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.enabled === true && !endpoint.enabled) {
      Object.assign(changes, { enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
    } else if (dto.enabled === false && endpoint.enabled) {
      Object.assign(changes, { enabled: false, disabledAt: new Date(), disabledReason: 'disabled by a user' });
      await this.deliveries.closeOpenOfEndpoint(em, id, 'the endpoint was disabled by a user');
    }
    if (Object.keys(changes).length) await this.endpoints.update(em, id, changes);
    const after = await this.load(id);
    this.notes.describe({ changes: diff(before, audited(after)) });
    return toDto(after);
  }

  /** Deletes the endpoint with its deliveries and their attempt log. */
  async remove(id: string): Promise<void> {
    if (!(await this.endpoints.delete(await this.db.manager(), id))) throw DomainError.notFound('Webhook endpoint');
  }

  /** A new signing secret, answered once; the old one keeps signing for 24 hours. */
  async rotateSecret(id: string): Promise<{ endpoint: WebhookEndpointDto; secret: string }> {
    const em = await this.db.manager();
    const current = await this.endpoints.findWithSecretForUpdate(em, id);
    if (!current) throw DomainError.notFound('Webhook endpoint');
    const secret = newSigningSecret();
    const now = new Date();
    await this.endpoints.update(em, id, {
      secret: this.secrets.seal(this.tenant.get().id, id, secret),
      previousSecret: current.secret,
      previousSecretExpiresAt: new Date(now.getTime() + SECRET_OVERLAP_MS),
      secretRotatedAt: now,
    });
    return { endpoint: toDto(await this.load(id)), secret };
  }

  /** Sends a `webhook.test` event to this endpoint only; answers the message id. */
  async test(id: string): Promise<string> {
    const endpoint = await this.load(id);
    if (!endpoint.enabled) throw new DomainError('INVALID_STATE', 'The endpoint is disabled; enable it first');
    return this.outbox.emitTo([id], 'webhook.test', {
      endpointId: id,
      message: 'A test event from Stratum: your endpoint receives and verifies webhooks.',
    });
  }

  /** Sends again every message dead-lettered at this endpoint since `since`; answers how many. */
  async recover(id: string, since: Date): Promise<number> {
    const endpoint = await this.load(id);
    if (!endpoint.enabled) throw new DomainError('INVALID_STATE', 'The endpoint is disabled; enable it first');
    if (since > new Date()) {
      throw new DomainError('VALIDATION_FAILED', 'since must not be in the future', {}, [
        { field: 'since', message: 'since must not be in the future' },
      ]);
    }
    const em = await this.db.manager();
    const recovered = await this.deliveries.restartDeadOfEndpoint(em, id, since);
    if (recovered) this.outbox.relayAfterCommit(em, this.tenant.get().id);
    this.notes.describe({ metadata: { since: since.toISOString(), recovered } });
    return recovered;
  }

  async load(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findById(await this.db.manager(), id);
    if (!endpoint) throw DomainError.notFound('Webhook endpoint');
    return endpoint;
  }

  private async checkUrl(url: string): Promise<void> {
    try {
      await resolveTarget(url, this.policy);
    } catch (err) {
      if (!(err instanceof UrlRefused)) throw err;
      throw new DomainError('WEBHOOK_URL_REFUSED', `The webhook URL is refused: ${err.reason}`, { reason: err.reason }, [
        { field: 'url', message: err.reason },
      ]);
    }
  }
}
