import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from '../errors/domain-error';

/** Query parameters shared by every list route. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Items per page', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's `nextCursor`" })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** Every list in the API answers `{ items, nextCursor }`; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageResponse<T>(itemType: new (...args: never[]) => T) {
  class PageOf {
    @ApiProperty({ type: itemType, isArray: true })
    items: T[];

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` to get the next page; null on the last page' })
    nextCursor: string | null;
  }
  Object.defineProperty(PageOf, 'name', { value: `${itemType.name.replace(/Dto$/, '')}PageDto` });
  return PageOf;
}

/** Keyset position: the sort value of the last item and its id (the tiebreaker). */
export interface CursorPosition {
  v: string | number | null;
  id: string;
}

export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(JSON.stringify(pos)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      parsed &&
      typeof parsed === 'object' &&
      typeof (parsed as CursorPosition).id === 'string' &&
      ['string', 'number'].includes(typeof (parsed as CursorPosition).v)
    ) {
      return parsed as CursorPosition;
    }
  } catch {
    // fall through to the validation error
  }
  throw invalidCursor();
}

export function invalidCursor(): DomainError {
  return new DomainError('VALIDATION_FAILED', 'Invalid cursor', {}, [{ field: 'cursor', message: 'cursor is not valid' }]);
}
