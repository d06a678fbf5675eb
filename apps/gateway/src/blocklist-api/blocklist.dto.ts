import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `PUT /v1/accounts/:accountId/blocklist/:phone` — the body is optional. */
export class ManualOptOutDto {
  /** Why the number was blocked by hand ("asked by phone", "complaint #123"): kept in the ledger. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export const DEFAULT_BLOCKLIST_PAGE = 100;

/** `GET /v1/accounts/:accountId/blocklist?limit=&cursor=&search=` */
export class ListBlocklistQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  /** The start of an E.164 number (`+1202`, `1202555`): only numbers with that prefix. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  search?: string;
}

/** `GET /v1/accounts/:accountId/blocklist/export?include=history` */
export class ExportBlocklistQuery {
  @IsOptional()
  @IsIn(['history'], { message: 'include must be history (the whole ledger) or absent (the block list)' })
  include?: 'history';
}
