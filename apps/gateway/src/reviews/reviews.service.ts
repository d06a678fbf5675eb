import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REVOCATION_LANGUAGES, RevocationLanguage } from '@optout/compliance';
import { ConsentApplier } from '@optout/consent';
import { DATA_SOURCE, RevocationReviewEntity, RevocationReviewRepository } from '@optout/database';
import { CompiledProfileCache } from '@optout/profiles';
import { ApiException } from '../http/api.exception';
import { decodeReviewCursor, encodeReviewCursor, reviewView, ReviewView } from './review.view';

const PAGE_SIZE = 100;

/**
 * The review queue. Deciding first marks the review decided (only if it still was pending,
 * under the row lock: a second decision gets 409); an `optOut` then goes through the one apply
 * path of `@optout/consent` like every other opt-out — ledger row (source `review`, the
 * deciding key, `match: "phrase"`, the rule) dated at the text's `receivedAt` with the text's
 * message id, so the ordering rules are unchanged and a later START still wins; gate;
 * confirmation; `consent.opted_out`.
 */
@Injectable()
export class ReviewsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly reviews: RevocationReviewRepository,
    private readonly consent: ConsentApplier,
    private readonly profiles: CompiledProfileCache,
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
    const decided = await this.dataSource.transaction((manager) => this.reviews.decide(manager, accountId, id, decision, apiKeyId));
    if (!decided) {
      const existing = await this.reviews.find(accountId, id);
      if (!existing) throw ApiException.notFound(`Review ${id}`);
      // An optOut whose apply was cut short (Redis or the queue down, a crash) is completed
      // here: applying is idempotent per message id. The answer stays 409: it was decided.
      if (existing.decision === 'optOut' && existing.consentEventId === null) await this.applyOptOut(existing, existing.decidedByApiKeyId);
      throw new ApiException(
        409,
        'review_already_decided',
        `Review ${id} was already decided (${existing.decision} at ${existing.decidedAt?.toISOString()}); a review is decided once.`,
        [{ field: 'reviewId', rule: 'decided_once', message: `already decided: ${existing.decision}` }],
      );
    }
    if (decision === 'optOut') await this.applyOptOut(decided, apiKeyId);
    return reviewView(decided);
  }

  private async applyOptOut(review: RevocationReviewEntity, apiKeyId: string | null): Promise<void> {
    const compiled = await this.profiles.forAccount(review.accountId);
    const language: RevocationLanguage = (REVOCATION_LANGUAGES as readonly string[]).includes(review.language ?? '') ? (review.language as RevocationLanguage) : 'en';
    const reply = compiled.phraseReply(review.country, language);
    const applied = await this.consent.applyDecision({
      accountId: review.accountId,
      phone: review.phone,
      kind: 'optOut',
      source: 'review',
      sourceMessageId: review.sourceMessageId,
      receivedAt: review.receivedAt,
      correlationId: review.correlationId ?? `review-${review.id}`,
      sender: review.sender,
      language,
      country: review.country,
      profileVersion: review.profileVersion,
      apiKeyId,
      match: 'phrase',
      rule: review.rule,
      reply: { body: reply.text, segments: { ...reply.segments } },
    });
    if (applied.event) {
      await this.reviews.linkConsentEvent(this.dataSource.manager, review.id, applied.event.id);
      review.consentEventId = applied.event.id;
    }
  }
}
