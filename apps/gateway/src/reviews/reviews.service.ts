import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REVOCATION_LANGUAGES, RevocationLanguage } from '@optout/compliance';
import { ConsentRecorder, RecordedConsent } from '@optout/consent';
import { ClassifiedMessage, QueueName } from '@optout/contracts';
import { DATA_SOURCE, RevocationReviewEntity, RevocationReviewRepository } from '@optout/database';
import { jobIds, JobProducer } from '@optout/queue';
import { CompiledProfileCache } from '@optout/profiles';
import { ApiException } from '../http/api.exception';
import { decodeReviewCursor, encodeReviewCursor, reviewView, ReviewView } from './review.view';

const PAGE_SIZE = 100;

/**
 * The review queue. A decision is one transaction: the review is marked decided (only if it
 * still was pending: a second decision gets 409), and for `optOut` the ledger row and the
 * consent state are written as of the text's `receivedAt` with its message id, so the usual
 * ordering holds (a later START still wins). After the commit the gate is updated, and a
 * consent job for the same message makes the blocklist worker send the confirmation and the
 * `consent.opted_out` webhook exactly as for any opt-out (it finds the ledger row written and
 * performs only the follow-ups).
 */
@Injectable()
export class ReviewsService {
  private readonly logger = new Logger('Reviews');

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly reviews: RevocationReviewRepository,
    private readonly recorder: ConsentRecorder,
    private readonly profiles: CompiledProfileCache,
    private readonly producer: JobProducer,
  ) {}

  async list(accountId: string, status: 'pending' | 'decided', cursor?: string): Promise<{ items: ReviewView[]; nextCursor: string | null }> {
    const after = cursor === undefined ? null : decodeReviewCursor(cursor);
    if (cursor !== undefined && !after) {
      throw ApiException.validation([{ field: 'cursor', rule: 'cursor', message: 'cursor must be the nextCursor of a previous page' }]);
    }
    const rows = await this.reviews.page(accountId, status, PAGE_SIZE, after);
    const items = rows.slice(0, PAGE_SIZE);
    return { items: items.map(reviewView), nextCursor: rows.length > PAGE_SIZE ? encodeReviewCursor(items[items.length - 1]) : null };
  }

  async decide(accountId: string, id: string, decision: 'optOut' | 'dismiss', apiKeyId: string): Promise<ReviewView> {
    const { review, recorded } = await this.dataSource.transaction(async (manager) => {
      const decided = await this.reviews.decide(manager, accountId, id, decision, apiKeyId);
      if (!decided) {
        const existing = await this.reviews.find(accountId, id, manager);
        if (!existing) throw ApiException.notFound(`Review ${id}`);
        throw new ApiException(
          409,
          'review_already_decided',
          `Review ${id} was already decided (${existing.decision} at ${existing.decidedAt?.toISOString()}); a review is decided once.`,
          [{ field: 'reviewId', rule: 'decided_once', message: `decided: ${existing.decision}` }],
        );
      }
      if (decision === 'dismiss') return { review: decided, recorded: null as RecordedConsent | null };
      const written = await this.recorder.recordIn(manager, {
        accountId,
        sourceMessageId: decided.sourceMessageId,
        phone: decided.phone,
        sender: decided.sender,
        kind: 'optOut',
        keyword: null,
        match: 'phrase',
        rule: decided.rule,
        scope: null,
        language: decided.language,
        country: decided.country,
        profileVersion: decided.profileVersion,
        source: 'review',
        receivedAt: decided.receivedAt,
        correlationId: decided.correlationId,
        apiKeyId,
      });
      await this.reviews.linkConsentEvent(manager, decided.id, written.event.id);
      decided.consentEventId = written.event.id;
      return { review: decided, recorded: written };
    });
    if (recorded) {
      if (recorded.state) await this.recorder.syncGate(recorded.state);
      await this.queueFollowUps(review);
    }
    return reviewView(review);
  }

  /** The confirmation text and webhook, through the blocklist worker like every other opt-out. */
  private async queueFollowUps(review: RevocationReviewEntity): Promise<void> {
    const compiled = await this.profiles.forAccount(review.accountId);
    const language = (REVOCATION_LANGUAGES as readonly string[]).includes(review.language ?? '') ? (review.language as RevocationLanguage) : 'en';
    const reply = compiled.phraseReply(review.country, language);
    const message: ClassifiedMessage = {
      accountId: review.accountId,
      messageId: review.sourceMessageId,
      from: review.phone,
      to: review.sender,
      kind: 'optOut',
      keyword: null,
      match: 'phrase',
      rule: review.rule,
      scope: null,
      language,
      country: review.country,
      reply: reply.text,
      replySegments: { ...reply.segments },
      profileVersion: review.profileVersion ?? compiled.version,
      receivedAt: review.receivedAt.toISOString(),
      correlationId: review.correlationId ?? `review-${review.id}`,
    };
    try {
      await this.producer.enqueue(QueueName.Consent, { v: 1, messages: [message] }, { jobId: jobIds.reviewDecision(review.id) });
    } catch (error) {
      // The opt-out itself is committed and at the gate; only the confirmation and webhook wait.
      this.logger.error(`review ${review.id}: opt-out applied, but its confirmation and webhook could not be queued: ${(error as Error).message}`);
      throw new ApiException(503, 'follow_ups_delayed', 'The opt-out was applied (the number is blocked), but its confirmation text and webhook could not be queued; they are not retried automatically.');
    }
  }
}
