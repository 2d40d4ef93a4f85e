import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ScimContext } from './scim-context';
import { listResponse, resourceTypes, schemas, serviceProviderConfig } from './scim-resources';
import { SCIM_ANY_SCHEMA, scimList } from './dto/scim.dto';
import { ScimService } from './scim-service.decorator';

/** What identity providers read before they sync (RFC 7644 §4). */
@ScimService()
export class ScimDiscoveryController {
  constructor(private readonly scim: ScimContext) {}

  @Get('ServiceProviderConfig')
  @ApiOperation({ summary: 'What this SCIM service supports (PATCH, filter, sort, ETags; no bulk)' })
  @ApiOkResponse({ schema: SCIM_ANY_SCHEMA })
  config(): Record<string, unknown> {
    return serviceProviderConfig(this.scim.baseUrl);
  }

  @Get('ResourceTypes')
  @ApiOperation({ summary: 'The resource types served: User (with the enterprise extension) and Group' })
  @ApiOkResponse({ schema: scimList(SCIM_ANY_SCHEMA) })
  resourceTypes(): Record<string, unknown> {
    const types = resourceTypes(this.scim.baseUrl);
    return listResponse(types, types.length, 1);
  }

  @Get('Schemas')
  @ApiOperation({ summary: 'The attributes of each schema served' })
  @ApiOkResponse({ schema: scimList(SCIM_ANY_SCHEMA) })
  schemas(): Record<string, unknown> {
    const all = schemas(this.scim.baseUrl);
    return listResponse(all, all.length, 1);
  }
}
