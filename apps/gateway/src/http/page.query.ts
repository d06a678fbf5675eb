import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/**
 * `?limit=&cursor=` of a paged list: the base class of every list's query, made per largest
 * page because each list states its own bound (a delivery carries its attempts; a block-list
 * row is small).
 */
export function PageQuery(maxLimit: number) {
  class PageQueryOf {
    @IsOptional()
    @Type(() => Number)
    @IsInt({ message: 'limit must be a whole number' })
    @Min(1)
    @Max(maxLimit)
    limit?: number;

    /** `nextCursor` of the previous page. */
    @IsOptional()
    @IsString()
    @MaxLength(200)
    cursor?: string;
  }
  return PageQueryOf;
}
