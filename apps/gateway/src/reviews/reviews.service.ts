import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REVOCATION_LANGUAGES, RevocationLanguage } from '@optout/compliance';
import { AppliedConsent, ConsentApplier, ConsentDecision } from '@optout/consent';
import { ConflictError, ReviewView } from '@optout/contracts';
import { DATA_SOURCE, RevocationReviewEntity, RevocationReviewRepository } from '@optout/database';
import { CompiledProfileCache } from '@optout/profiles';
import { ApiException } from '../http/api.exception';
import { decodeReviewCursor, encodeReviewCursor, reviewView } from './review.view';

const PAGE_SIZE = 100;

/**
 * The review queue. An `optOut` decision goes through the one apply path of `@optout/consent`
 * like every other opt-out — ledger row (source `review`, the deciding key, `match: "phrase"`,
 * the rule) dated at the text's `receivedAt` with the text's message id, so the ordering rules
 * are unchanged and a later START still wins; gate; confirmation; `consent.opted_out` — and the
 * review is marked decided in the same transaction as the ledger row: never decided without
 * its opt-out recorded, never an opt-out recorded for a review someone else decided first (the
 * row is only marked if it still was pending: a second decision gets 409). `dismiss` only marks.
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
    if (decision === 'dismiss') {
      const dismissed = await this.dataSource.transaction((manager) => this.reviews.decide(manager, accountId, id, 'dismiss', apiKeyId));
      return dismissed ? reviewView(dismissed) : this.alreadyDecided(accountId, id);
    }
    const review = await this.reviews.find(accountId, id);
    if (!review) throw ApiException.notFound(`Review ${id}`);
    if (review.status !== 'pending') return this.alreadyDecided(accountId, id);
    const outcome: { decided?: RevocationReviewEntity } = {};
    try {
      await this.applyOptOut(review, apiKeyId, async (manager, event) => {
        const decided = await this.reviews.decide(manager, accountId, id, 'optOut', apiKeyId);
        if (!decided) throw new ConflictError('review_already_decided', `Review ${id} was decided meanwhile`);
        await this.reviews.linkConsentEvent(manager, id, event.id);
        outcome.decided = { ...decided, consentEventId: event.id };
      });
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'review_already_decided') return this.alreadyDecided(accountId, id);
      // Recorded, but the gate or the queue did not answer: a second decision completes it (409).
      throw error;
    }
    return reviewView(outcome.decided!);
  }

  /**
   * 409 for a review decided before. An `optOut` is applied again on the way — idempotent per
   * message id — so a decision whose gate write or follow-ups were cut short (Redis or the
   * queue down, a crash) is completed by asking again.
   */
  private async alreadyDecided(accountId: string, id: string): Promise<never> {
    const existing = await this.reviews.find(accountId, id);
    if (!existing) throw ApiException.notFound(`Review ${id}`);
    if (existing.decision === 'optOut') {
      const applied = await this.applyOptOut(existing, existing.decidedByApiKeyId);
      if (applied.event && existing.consentEventId === null) await this.reviews.linkConsentEvent(this.dataSource.manager, id, applied.event.id);
    }
    throw new ApiException(
      409,
      'review_already_decided',
      `Review ${id} was already decided (${existing.decision} at ${existing.decidedAt?.toISOString()}); a review is decided once.`,
      [{ field: 'reviewId', rule: 'decided_once', message: `already decided: ${existing.decision}` }],
    );
  }

  private async applyOptOut(review: RevocationReviewEntity, apiKeyId: string | null, commitsWith?: ConsentDecision['commitsWith']): Promise<AppliedConsent> {
    const compiled = await this.profiles.forAccount(review.accountId);
    const language: RevocationLanguage = (REVOCATION_LANGUAGES as readonly string[]).includes(review.language ?? '') ? (review.language as RevocationLanguage) : 'en';
    const reply = compiled.phraseReply(review.country, language);
    return this.consent.applyDecision({
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
      commitsWith,
    });
  }
}
