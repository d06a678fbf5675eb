import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '../database.tokens';
import { ReviewDecision, ReviewStatus, RevocationReviewEntity } from '../entities';

export type NewRevocationReview = Pick<
  RevocationReviewEntity,
  'accountId' | 'sourceMessageId' | 'phone' | 'sender' | 'body' | 'rule' | 'language' | 'country' | 'profileVersion' | 'receivedAt' | 'deadline' | 'correlationId'
>;

/** Keyset cursor of the queue: oldest first, by (received_at, id). */
export interface ReviewCursor {
  receivedAt: Date;
  id: string;
}

export interface ReviewQueueStats {
  pending: number;
  /** receivedAt of the oldest pending review, or null when none is pending. */
  oldestReceivedAt: Date | null;
}

@Injectable()
export class RevocationReviewRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Once per (account, message id): a retried job finds the first record. */
  async createOnce(review: NewRevocationReview): Promise<{ review: RevocationReviewEntity; inserted: boolean }> {
    const inserted: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO revocation_reviews (id, account_id, source_message_id, phone, sender, body, rule, language, country,
                                       profile_version, received_at, deadline, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT ON CONSTRAINT uq_revocation_reviews_message DO NOTHING
       RETURNING id`,
      [
        randomUUID(),
        review.accountId,
        review.sourceMessageId,
        review.phone,
        review.sender,
        review.body,
        review.rule,
        review.language,
        review.country,
        review.profileVersion,
        review.receivedAt,
        review.deadline,
        review.correlationId,
      ],
    );
    const stored = await this.dataSource.manager.findOneByOrFail(RevocationReviewEntity, {
      accountId: review.accountId,
      sourceMessageId: review.sourceMessageId,
    });
    return { review: stored, inserted: inserted.length === 1 };
  }

  find(accountId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<RevocationReviewEntity | null> {
    return manager.findOneBy(RevocationReviewEntity, { accountId, id });
  }

  /** One page of the queue, oldest first. Fetches `limit + 1` so the caller knows whether more follow. */
  page(accountId: string, status: ReviewStatus, limit: number, after: ReviewCursor | null): Promise<RevocationReviewEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(RevocationReviewEntity, 'r')
      .where('r.account_id = :accountId AND r.status = :status', { accountId, status })
      .orderBy('r.received_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit + 1);
    if (after) query.andWhere('(r.received_at, r.id) > (:afterAt, CAST(:afterId AS uuid))', { afterAt: after.receivedAt, afterId: after.id });
    return query.getMany();
  }

  /**
   * Marks a pending review decided, inside the caller's transaction; null when it was no
   * longer pending (someone decided first). The row lock makes two concurrent decisions
   * serialise: exactly one of them gets the row.
   */
  async decide(
    manager: EntityManager,
    accountId: string,
    id: string,
    decision: ReviewDecision,
    apiKeyId: string | null,
  ): Promise<RevocationReviewEntity | null> {
    const result: [Array<{ id: string }>, number] = await manager.query(
      `UPDATE revocation_reviews SET status = 'decided', decision = $3, decided_at = now(), decided_by_api_key_id = $4
       WHERE account_id = $1 AND id = $2 AND status = 'pending'
       RETURNING id`,
      [accountId, id, decision, apiKeyId],
    );
    if (result[0].length === 0) return null;
    return manager.findOneByOrFail(RevocationReviewEntity, { accountId, id });
  }

  async linkConsentEvent(manager: EntityManager, id: string, consentEventId: string): Promise<void> {
    await manager.query('UPDATE revocation_reviews SET consent_event_id = $2 WHERE id = $1', [id, consentEventId]);
  }

  /** For the metrics: how many wait, and since when the oldest one does. Across all accounts. */
  async stats(): Promise<ReviewQueueStats> {
    const rows: Array<{ pending: string; oldest: Date | null }> = await this.dataSource.query(
      `SELECT count(*)::text AS pending, min(received_at) AS oldest FROM revocation_reviews WHERE status = 'pending'`,
    );
    return { pending: Number(rows[0]?.pending ?? 0), oldestReceivedAt: rows[0]?.oldest ? new Date(rows[0].oldest) : null };
  }
}
