import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { domainEventCatalogue } from '@stratum/common';
import { RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { RequireFeature } from '@stratum/entitlements';
import { EventTypeListDto } from '../messages/dto/message.dto';

@ApiTags('Webhooks')
@TenantScoped()
@RequireFeature('webhooks')
@Controller('webhooks/event-types')
export class EventTypesController {
  @Get()
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'The event types an endpoint can subscribe to' })
  @ApiOkResponse({ type: EventTypeListDto })
  list(): EventTypeListDto {
    return {
      items: domainEventCatalogue().map(({ type, description, schema }) => ({
        type,
        group: type.split('.')[0],
        description,
        schema: schema as Record<string, unknown>,
      })),
    };
  }
}
