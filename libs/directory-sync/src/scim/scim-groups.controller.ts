import { Body, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, Audited } from '@stratum/common';
import { ChangesAuthority } from '@stratum/rbac';
import type { Response } from 'express';
import {
  SCIM_GROUP_READ,
  SCIM_GROUP_RESOURCE,
  SCIM_GROUP_SCHEMA,
  SCIM_PATCH_SCHEMA,
  ScimAttributesQueryDto,
  ScimListQueryDto,
  scimList,
} from './dto/scim.dto';
import { ScimGroupsService } from './scim-groups.service';
import { ScimService } from './scim-service.decorator';
import { IF_MATCH, versioned } from './scim-users.controller';

/** SCIM Groups: mapped groups grant roles to their members. */
@ScimService()
export class ScimGroupsController {
  constructor(private readonly groups: ScimGroupsService) {}

  @Get('Groups')
  @ApiOperation({
    summary: 'List or find groups',
    description: '`filter` (e.g. `displayName eq "Engineering"`), paging, sorting.',
  })
  @ApiOkResponse({ schema: scimList(SCIM_GROUP_READ) })
  list(@Query() query: ScimListQueryDto): Promise<Record<string, unknown>> {
    return this.groups.list(query);
  }

  @Post('Groups')
  @Audited('directory.group.created', { resource: 'group' })
  @ChangesAuthority()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a group', description: 'Its members get the roles mapped to it.' })
  @ApiBody({ schema: SCIM_GROUP_SCHEMA })
  @ApiCreatedResponse({ schema: SCIM_GROUP_RESOURCE })
  @ApiErrors('CONFLICT', 'LAST_ADMIN')
  async create(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return versioned(res, await this.groups.create(body), true);
  }

  @Get('Groups/:id')
  @ApiOperation({ summary: 'Get a group' })
  @ApiOkResponse({ schema: SCIM_GROUP_READ })
  async get(
    @Param('id') id: string,
    @Query() query: ScimAttributesQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    return versioned(res, await this.groups.get(id, query.attributes, query.excludedAttributes));
  }

  @Put('Groups/:id')
  @Audited('directory.group.updated', { resource: 'group', idParam: 'id' })
  @ChangesAuthority()
  @ApiOperation({ summary: 'Replace a group', description: 'Its name and its members (a document without members empties it).' })
  @ApiHeader(IF_MATCH)
  @ApiBody({ schema: SCIM_GROUP_SCHEMA })
  @ApiOkResponse({ schema: SCIM_GROUP_RESOURCE })
  @ApiErrors('CONFLICT', 'LAST_ADMIN', 'PRECONDITION_FAILED')
  async replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    return versioned(res, await this.groups.replace(id, body, ifMatch));
  }

  @Patch('Groups/:id')
  @Audited('directory.group.updated', { resource: 'group', idParam: 'id' })
  @ChangesAuthority()
  @ApiOperation({
    summary: 'Change a group',
    description:
      'Add or remove members (`members[value eq "…"]`, or a value list), or rename it. Leaving a mapped group takes its role back.',
  })
  @ApiHeader(IF_MATCH)
  @ApiBody({ schema: SCIM_PATCH_SCHEMA })
  @ApiOkResponse({ schema: SCIM_GROUP_RESOURCE })
  @ApiErrors('CONFLICT', 'LAST_ADMIN', 'PRECONDITION_FAILED')
  async patch(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    return versioned(res, await this.groups.patch(id, body, ifMatch));
  }

  @Delete('Groups/:id')
  @Audited('directory.group.deleted', { resource: 'group', idParam: 'id' })
  @ChangesAuthority()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a group', description: 'The roles it granted are taken back from its members.' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse()
  @ApiErrors('LAST_ADMIN', 'PRECONDITION_FAILED')
  async remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.groups.remove(id, ifMatch);
  }
}
