import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/auth.guards';
import { AuthenticatedAccount, AuthenticatedKey } from '../auth/authenticated-account.decorator';
import { ApiException } from '../http/api.exception';
import { DecideReviewDto } from './decide-review.dto';
import { ReviewsService } from './reviews.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Controller('v1/accounts/:accountId/reviews')
@UseGuards(ApiKeyGuard)
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  /** Oldest first; `status` pending (default) or decided; `cursor` from the previous page's `nextCursor`. */
  @Get()
  list(@AuthenticatedAccount() accountId: string, @Query('status') status?: unknown, @Query('cursor') cursor?: unknown) {
    return this.reviews.list(accountId, parseStatus(status), parseCursorParam(cursor));
  }

  /** Decide once: a second decision answers 409. */
  @Post(':id')
  @HttpCode(200)
  decide(
    @AuthenticatedAccount() accountId: string,
    @AuthenticatedKey() apiKeyId: string,
    @Param('id') reviewId: string,
    @Body() dto: DecideReviewDto,
  ) {
    if (!UUID.test(reviewId)) throw ApiException.notFound(`Review ${reviewId}`);
    return this.reviews.decide(accountId, reviewId.toLowerCase(), dto.decision, apiKeyId);
  }
}

function parseStatus(raw: unknown): 'pending' | 'decided' {
  if (raw === undefined) return 'pending';
  if (raw === 'pending' || raw === 'decided') return raw;
  throw ApiException.validation([{ field: 'status', rule: 'review_status', message: 'status must be "pending" or "decided"' }]);
}

function parseCursorParam(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && raw.length > 0 && raw.length <= 200) return raw;
  throw ApiException.validation([{ field: 'cursor', rule: 'cursor', message: 'cursor must be the nextCursor of a previous page' }]);
}
