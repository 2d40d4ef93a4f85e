import { Body, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, Audited } from '@stratum/common';
import { ChangesAuthority } from '@stratum/rbac';
import type { Response } from 'express';
import {
  SCIM_PATCH_SCHEMA,
  SCIM_USER_READ,
  SCIM_USER_RESOURCE,
  SCIM_USER_SCHEMA,
  ScimAttributesQueryDto,
  ScimListQueryDto,
  scimList,
} from './dto/scim.dto';
import { ScimService } from './scim-service.decorator';
import { ScimUsersService, Versioned } from './scim-users.service';

export const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The meta.version last read; 412 when the user changed since',
};

/** Answers a resource with its ETag (and, once created, where it lives). */
export function versioned(res: Response, { resource, version }: Versioned, created = false): Record<string, unknown> {
  res.setHeader('ETag', `W/"${version}"`);
  if (created) res.setHeader('Location', (resource.meta as { location: string }).location);
  return resource;
}

/** SCIM Users: every user of the tenant, as the directory sees them. */
@ScimService()
export class ScimUsersController {
  constructor(private readonly users: ScimUsersService) {}

  @Get('Users')
  @ApiOperation({
    summary: 'List or find users',
    description:
      'Every user of the tenant (also those invited or signed in by SSO); `filter`, paging, sorting, attribute selection.',
  })
  @ApiOkResponse({ schema: scimList(SCIM_USER_READ) })
  list(@Query() query: ScimListQueryDto): Promise<Record<string, unknown>> {
    return this.users.list(query);
  }

  @Post('Users')
  @Audited('directory.user.provisioned', { resource: 'user' })
  @ChangesAuthority()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a user',
    description:
      'An existing userName is 409 uniqueness: find it with `filter=userName eq "…"` and PATCH its externalId to link it.',
  })
  @ApiBody({ schema: SCIM_USER_SCHEMA })
  @ApiCreatedResponse({ schema: SCIM_USER_RESOURCE })
  @ApiErrors('CONFLICT', 'PLAN_LIMIT', 'LAST_ADMIN')
  async create(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return versioned(res, await this.users.create(body), true);
  }

  @Get('Users/:id')
  @ApiOperation({ summary: 'Get a user' })
  @ApiOkResponse({ schema: SCIM_USER_READ })
  async get(
    @Param('id') id: string,
    @Query() query: ScimAttributesQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    return versioned(res, await this.users.get(id, query.attributes, query.excludedAttributes));
  }

  @Put('Users/:id')
  @Audited('directory.user.updated', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @ApiOperation({
    summary: 'Replace a user',
    description: '`active: false` deactivates: sessions, refresh tokens and API keys stop at once.',
  })
  @ApiHeader(IF_MATCH)
  @ApiBody({ schema: SCIM_USER_SCHEMA })
  @ApiOkResponse({ schema: SCIM_USER_RESOURCE })
  @ApiErrors('CONFLICT', 'PLAN_LIMIT', 'LAST_ADMIN', 'PRECONDITION_FAILED')
  async replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    return versioned(res, await this.users.replace(id, body, ifMatch));
  }

  @Patch('Users/:id')
  @Audited('directory.user.updated', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @ApiOperation({
    summary: 'Change a user',
    description: 'add / replace / remove with value paths and filters; Entra ID\u2019s and Okta\u2019s idioms accepted.',
  })
  @ApiHeader(IF_MATCH)
  @ApiBody({ schema: SCIM_PATCH_SCHEMA })
  @ApiOkResponse({ schema: SCIM_USER_RESOURCE })
  @ApiErrors('CONFLICT', 'PLAN_LIMIT', 'LAST_ADMIN', 'PRECONDITION_FAILED')
  async patch(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    return versioned(res, await this.users.patch(id, body, ifMatch));
  }

  @Delete('Users/:id')
  @Audited('directory.user.deleted', { resource: 'user', idParam: 'id' })
  @ChangesAuthority()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a user',
    description: 'Deactivated and detached from the directory; the account\u2019s history is kept.',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse()
  @ApiErrors('LAST_ADMIN', 'PRECONDITION_FAILED')
  async remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.users.remove(id, ifMatch);
  }
}
