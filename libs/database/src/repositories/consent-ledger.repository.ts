import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConsentEventEntity } from '../entities';

export type NewConsentEvent = Omit<ConsentEventEntity, 'id' | 'appliedAt' | 'followUpsDoneAt' | 'apiKeyId' | 'reason' | 'erasedAt' | 'match' | 'rule' | 'carrierCode'> & {
  /** Manual changes and imports: the key that made them. */
  apiKeyId?: string | null;
  reason?: string | null;
  match?: string | null;
  rule?: string | null;
  carrierCode?: string | null;
};

export interface RecordedEvent {
  event: ConsentEventEntity;
  /** False when the message had been recorded before (a duplicate or a retried job). */
  inserted: boolean;
}

/** The append-only ledger. Takes the caller's transaction so the event and the state commit together. */
@Injectable()
export class ConsentLedgerRepository {
  /** Records the event once per (account, message id); on a repeat returns the first record. */
  async record(manager: EntityManager, event: NewConsentEvent): Promise<RecordedEvent> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO consent_events (id, account_id, source_message_id, phone, sender, kind, keyword, scope, language,
                                   country, profile_version, source, received_at, correlation_id, api_key_id, reason,
                                   match, rule, carrier_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT ON CONSTRAINT uq_consent_events_message DO NOTHING
       RETURNING id`,
      [
        randomUUID(),
        event.accountId,
        event.sourceMessageId,
        event.phone,
        event.sender,
        event.kind,
        event.keyword,
        event.scope === null ? null : JSON.stringify(event.scope),
        event.language,
        event.country,
        event.profileVersion,
        event.source,
        event.receivedAt,
        event.correlationId,
        event.apiKeyId ?? null,
        event.reason ?? null,
        event.match ?? null,
        event.rule ?? null,
        event.carrierCode ?? null,
      ],
    );
    const stored = await manager.findOneByOrFail(ConsentEventEntity, {
      accountId: event.accountId,
      sourceMessageId: event.sourceMessageId,
    });
    return { event: stored, inserted: inserted.length === 1 };
  }

  async markFollowUpsDone(manager: EntityManager, eventId: string): Promise<void> {
    await manager.query('UPDATE consent_events SET follow_ups_done_at = now() WHERE id = $1 AND follow_ups_done_at IS NULL', [
      eventId,
    ]);
  }

  findById(manager: EntityManager, id: string): Promise<ConsentEventEntity | null> {
    return manager.findOneBy(ConsentEventEntity, { id });
  }

  historyOf(manager: EntityManager, accountId: string, phone: string): Promise<ConsentEventEntity[]> {
    return manager.find(ConsentEventEntity, { where: { accountId, phone }, order: { receivedAt: 'ASC', sourceMessageId: 'ASC' } });
  }
}
