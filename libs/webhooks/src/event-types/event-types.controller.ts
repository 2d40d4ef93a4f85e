import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { RequireFeature } from '@stratum/entitlements';
import { EventTypeListDto } from '../messages/dto/message.dto';
import { ALL_EVENT_TYPES, EVENT_TYPES } from './event-types';

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
      items: ALL_EVENT_TYPES.map((type) => ({ type, group: type.split('.')[0], description: EVENT_TYPES[type] })),
    };
  }
}
