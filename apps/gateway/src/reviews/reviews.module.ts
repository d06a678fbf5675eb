import { Module } from '@nestjs/common';
import { ConsentModule } from '@optout/consent';
import { ProfilesModule } from '@optout/profiles';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApiKeyGuard } from '../auth/auth.guards';
import { ReviewQueueMetrics } from './review-queue.metrics';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/**
 * The revocation review queue (docs/compliance.md, "The review queue"): list the texts a
 * person should look at, and decide each once (`optOut` or `dismiss`).
 */
@Module({
  imports: [ProfilesModule, ConsentModule, ApiKeysModule],
  controllers: [ReviewsController],
  providers: [ReviewsService, ReviewQueueMetrics, ApiKeyGuard],
})
export class ReviewsModule {}
