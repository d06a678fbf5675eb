import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'] as const;
export const REPLY_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead', 'suppressed'] as const;

/** `?limit=&cursor=` of a delivery list, newest first. */
class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(100)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class ListWebhookDeliveriesQuery extends PageQuery {
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES, { message: `status must be one of ${WEBHOOK_DELIVERY_STATUSES.join(', ')}` })
  status?: (typeof WEBHOOK_DELIVERY_STATUSES)[number];
}

export class ListReplyDeliveriesQuery extends PageQuery {
  @IsOptional()
  @IsIn(REPLY_DELIVERY_STATUSES, { message: `status must be one of ${REPLY_DELIVERY_STATUSES.join(', ')}` })
  status?: (typeof REPLY_DELIVERY_STATUSES)[number];
}

export const DEFAULT_PAGE_SIZE = 50;
