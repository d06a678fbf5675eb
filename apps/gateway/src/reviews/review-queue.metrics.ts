import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { RevocationReviewRepository } from '@optout/database';
import { registerReviewQueueSource } from '@optout/observability';

/** Feeds `optout_reviews_pending` and `optout_reviews_oldest_pending_age_seconds` from Postgres on scrape. */
@Injectable()
export class ReviewQueueMetrics implements OnModuleInit, OnModuleDestroy {
  private unregister: (() => void) | null = null;

  constructor(private readonly reviews: RevocationReviewRepository) {}

  onModuleInit(): void {
    this.unregister = registerReviewQueueSource(async () => {
      const stats = await this.reviews.stats();
      return {
        pending: stats.pending,
        oldestPendingAgeSeconds: stats.oldestReceivedAt ? Math.max(0, (Date.now() - stats.oldestReceivedAt.getTime()) / 1000) : null,
      };
    });
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }
}
