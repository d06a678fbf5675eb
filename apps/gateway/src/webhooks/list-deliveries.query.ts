import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../http/page.query';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'] as const;
export const REPLY_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead', 'suppressed'] as const;

/** `?limit=&cursor=` of a delivery list, newest first: each delivery carries its attempts, so 100 at most. */
const DeliveriesPage = PageQuery(100);

export class ListWebhookDeliveriesQuery extends DeliveriesPage {
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES, { message: `status must be one of ${WEBHOOK_DELIVERY_STATUSES.join(', ')}` })
  status?: (typeof WEBHOOK_DELIVERY_STATUSES)[number];
}

export class ListReplyDeliveriesQuery extends DeliveriesPage {
  @IsOptional()
  @IsIn(REPLY_DELIVERY_STATUSES, { message: `status must be one of ${REPLY_DELIVERY_STATUSES.join(', ')}` })
  status?: (typeof REPLY_DELIVERY_STATUSES)[number];
}

export const DEFAULT_PAGE_SIZE = 50;
