import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../http/page.query';

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
export class ListBlocklistQuery extends PageQuery(1000) {
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
