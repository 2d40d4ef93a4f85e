import { applyDecorators, Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequireFeature } from '@stratum/entitlements';
import { DirectoryToken } from '@stratum/rbac';
import { SCIM_PATH } from '../tokens/directory-tokens.service';
import { SCIM_MEDIA_TYPE, ScimExceptionFilter } from './scim-error';
import { ScimMediaType } from './scim-media.interceptor';

/**
 * A controller of the SCIM service: at /scim/v2 (outside the API prefix), opened by a
 * directory-sync token only, on plans with `scim`, answering `application/scim+json` and SCIM errors.
 */
export const ScimService = () =>
  applyDecorators(
    ApiTags('SCIM'),
    DirectoryToken(),
    RequireFeature('scim'),
    UseFilters(ScimExceptionFilter),
    UseInterceptors(ScimMediaType),
    ApiProduces(SCIM_MEDIA_TYPE, 'application/json'),
    ApiConsumes(SCIM_MEDIA_TYPE, 'application/json'),
    Controller(SCIM_PATH),
  );
