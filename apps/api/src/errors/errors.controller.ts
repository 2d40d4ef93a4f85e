import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DomainError, ERROR_CODES, ErrorCode } from '@stratum/common';
import { Public } from '@stratum/rbac';

class ErrorCodeDto {
  @ApiProperty({ example: 'TENANT_NOT_FOUND' })
  code: string;

  @ApiProperty({ type: 'integer', example: 404 })
  status: number;

  @ApiProperty({ example: 'Tenant not found' })
  title: string;

  @ApiProperty({ example: 'No tenant matches the given slug or id.' })
  description: string;
}

class ErrorCodeListDto {
  @ApiProperty({ type: ErrorCodeDto, isArray: true })
  items: ErrorCodeDto[];
}

const describe = (code: ErrorCode): ErrorCodeDto => ({ code, ...ERROR_CODES[code] });

/** The error catalogue; every problem document's `type` points into it. */
@ApiTags('Errors')
@Controller('errors')
export class ErrorsController {
  @Get()
  @Public()
  @ApiOperation({ summary: 'Every error code the API can answer with' })
  @ApiOkResponse({ type: ErrorCodeListDto })
  list(): ErrorCodeListDto {
    return { items: (Object.keys(ERROR_CODES) as ErrorCode[]).map(describe) };
  }

  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'One error code' })
  @ApiOkResponse({ type: ErrorCodeDto })
  get(@Param('code') code: string): ErrorCodeDto {
    if (!Object.prototype.hasOwnProperty.call(ERROR_CODES, code)) throw DomainError.notFound('Error code');
    return describe(code as ErrorCode);
  }
}
