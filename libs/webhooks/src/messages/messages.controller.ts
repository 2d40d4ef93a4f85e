import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, pageResponse, uuidParam } from '@stratum/common';
import { AllowWhileImpersonating, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { RequireFeature } from '@stratum/entitlements';
import {
  AttemptsQueryDto,
  ListWebhookMessagesQueryDto,
  RetryWebhookMessageDto,
  WebhookAttemptListDto,
  WebhookMessageDto,
} from './dto/message.dto';
import { MessagesService } from './messages.service';

const WebhookMessagePageDto = pageResponse(WebhookMessageDto);

@ApiTags('Webhooks')
@TenantScoped()
@RequireFeature('webhooks')
@Controller('webhooks/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @RequirePermissions('webhooks:read')
  @ApiOperation({
    summary: 'List webhook messages with their status at each endpoint',
    description: 'Newest first; filter by endpoint, delivery status or event type; cursor pagination.',
  })
  @ApiOkResponse({ type: WebhookMessagePageDto })
  list(@Query() query: ListWebhookMessagesQueryDto) {
    return this.messages.list(query);
  }

  @Get(':id')
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'Get a webhook message' })
  @ApiOkResponse({ type: WebhookMessageDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<WebhookMessageDto> {
    return this.messages.get(id);
  }

  @Get(':id/attempts')
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'The delivery attempts of a message: time, status code, latency, error, response excerpt' })
  @ApiOkResponse({ type: WebhookAttemptListDto })
  async attempts(@Param('id', uuidParam('id')) id: string, @Query() query: AttemptsQueryDto): Promise<WebhookAttemptListDto> {
    return { items: await this.messages.attempts(id, query.endpointId) };
  }

  @Post(':id/retry')
  @Audited('webhook_message.retried', { resource: 'webhook_message', idParam: 'id' })
  @AllowWhileImpersonating()
  @RequirePermissions('webhooks:manage')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a message again',
    description: 'To one endpoint (`endpointId`), or to every endpoint where it was dead-lettered; with a fresh schedule.',
  })
  @ApiAcceptedResponse({ type: WebhookMessageDto })
  @ApiErrors('INVALID_STATE')
  retry(@Param('id', uuidParam('id')) id: string, @Body() dto: RetryWebhookMessageDto): Promise<WebhookMessageDto> {
    return this.messages.retry(id, dto.endpointId);
  }
}
