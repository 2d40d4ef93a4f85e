import { SetMetadata } from '@nestjs/common';
import type { ErrorCode } from '../errors/error-codes';

export const API_ERRORS = 'stratum:apiErrors';

/**
 * The error codes a route answers beyond those its guards, parameters and body already imply
 * (authentication, policy, tenant, rate limits, validation, size and media type, 5xx): its own
 * domain errors, such as `LAST_ADMIN` or `CONFLICT`. The OpenAPI document lists both, each code
 * under its status as `application/problem+json`.
 */
export const ApiErrors = (...codes: ErrorCode[]) => SetMetadata(API_ERRORS, codes);
