import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, Audited, Principal, uuidParam } from '@stratum/common';
import { CurrentPrincipal } from '@stratum/identity';
import { RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { RequireFeature } from '@stratum/entitlements';
import { WebhookMessageDto } from '../messages/dto/message.dto';
import { MessagesService } from '../messages/messages.service';
import {
  CreateWebhookEndpointDto,
  RecoveredDto,
  RecoverWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
  WebhookEndpointListDto,
  WebhookEndpointWithSecretDto,
} from './dto/endpoint.dto';
import { EndpointsService } from './endpoints.service';

@ApiTags('Webhooks')
@TenantScoped()
@RequireFeature('webhooks')
@Controller('webhooks/endpoints')
export class EndpointsController {
  constructor(
    private readonly endpoints: EndpointsService,
    private readonly messages: MessagesService,
  ) {}

  @Post()
  @Audited('webhook_endpoint.created', { resource: 'webhook_endpoint' })
  @RequirePermissions('webhooks:manage')
  @ApiOperation({
    summary: 'Create a webhook endpoint',
    description:
      'Answers the signing secret (`whsec_…`) this once. Counts against the plan\u2019s `webhookEndpoints` (PLAN_LIMIT); the URL is checked (WEBHOOK_URL_REFUSED).',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  @ApiErrors('WEBHOOK_URL_REFUSED')
  async create(@Body() dto: CreateWebhookEndpointDto, @CurrentPrincipal() me: Principal): Promise<WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await this.endpoints.create(dto, me.kind === 'tenant_user' ? me.userId : null);
    return { ...endpoint, secret };
  }

  @Get()
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'List webhook endpoints (never their secrets)' })
  @ApiOkResponse({ type: WebhookEndpointListDto })
  async list(): Promise<WebhookEndpointListDto> {
    return { items: await this.endpoints.list() };
  }

  @Get(':id')
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'Get a webhook endpoint' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<WebhookEndpointDto> {
    return this.endpoints.get(id);
  }

  @Patch(':id')
  @Audited('webhook_endpoint.updated', { resource: 'webhook_endpoint', idParam: 'id' })
  @RequirePermissions('webhooks:manage')
  @ApiOperation({ summary: 'Change a webhook endpoint', description: 'Enable it again after the system disabled it here.' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiErrors('WEBHOOK_URL_REFUSED')
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.endpoints.update(id, dto);
  }

  @Delete(':id')
  @Audited('webhook_endpoint.deleted', { resource: 'webhook_endpoint', idParam: 'id' })
  @RequirePermissions('webhooks:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint', description: 'Its delivery log goes with it.' })
  @ApiNoContentResponse()
  async remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.endpoints.remove(id);
  }

  @Post(':id/rotate-secret')
  @Audited('webhook_endpoint.secret_rotated', { resource: 'webhook_endpoint', idParam: 'id' })
  @RequirePermissions('webhooks:manage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description: 'Answers the new secret this once. For 24 hours every message is signed with both the new and the old secret.',
  })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  async rotateSecret(@Param('id', uuidParam('id')) id: string): Promise<WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await this.endpoints.rotateSecret(id);
    return { ...endpoint, secret };
  }

  @Post(':id/test')
  @Audited('webhook_endpoint.tested', { resource: 'webhook_endpoint', idParam: 'id' })
  @RequirePermissions('webhooks:manage')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a `webhook.test` event to this endpoint only' })
  @ApiAcceptedResponse({ type: WebhookMessageDto })
  @ApiErrors('INVALID_STATE')
  async test(@Param('id', uuidParam('id')) id: string): Promise<WebhookMessageDto> {
    return this.messages.get(await this.endpoints.test(id));
  }

  @Post(':id/recover')
  @Audited('webhook_endpoint.recovered', { resource: 'webhook_endpoint', idParam: 'id' })
  @RequirePermissions('webhooks:manage')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send again what failed since a time',
    description: 'Every message dead-lettered at this endpoint since `since` is queued again with a fresh schedule.',
  })
  @ApiAcceptedResponse({ type: RecoveredDto })
  @ApiErrors('INVALID_STATE')
  async recover(@Param('id', uuidParam('id')) id: string, @Body() dto: RecoverWebhookEndpointDto): Promise<RecoveredDto> {
    return { recovered: await this.endpoints.recover(id, dto.since) };
  }
}
