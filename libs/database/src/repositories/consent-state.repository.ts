import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConsentStateEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';

export interface ConsentDecision {
  accountId: string;
  phone: string;
  status: 'opted_out' | 'opted_in';
  since: Date;
  sourceMessageId: string;
  /** Null for an opt-out by phrase. */
  keyword: string | null;
  eventId: string;
}

@Injectable()
export class ConsentStateRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * Last writer wins by when the subscriber sent the message (then message id), not by
   * processing order: the row changes only when the decision is newer than what it holds.
   * Returns the row as it stands after the write, whoever won.
   */
  async applyIfNewer(manager: EntityManager, decision: ConsentDecision): Promise<ConsentStateEntity> {
    await manager.query(
      `INSERT INTO consent_states AS current (account_id, phone, status, since, source_message_id, keyword, event_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT ON CONSTRAINT pk_consent_states DO UPDATE
         SET status = EXCLUDED.status, since = EXCLUDED.since, source_message_id = EXCLUDED.source_message_id,
             keyword = EXCLUDED.keyword, event_id = EXCLUDED.event_id, updated_at = now()
       WHERE (current.since, current.source_message_id) < (EXCLUDED.since, EXCLUDED.source_message_id)`,
      [
        decision.accountId,
        decision.phone,
        decision.status,
        decision.since,
        decision.sourceMessageId,
        decision.keyword,
        decision.eventId,
      ],
    );
    return manager.findOneByOrFail(ConsentStateEntity, { accountId: decision.accountId, phone: decision.phone });
  }

  /** The rows that exist among `phones`, in one query. */
  findMany(accountId: string, phones: string[]): Promise<ConsentStateEntity[]> {
    return this.dataSource.getRepository(ConsentStateEntity).createQueryBuilder('s').where('s.account_id = :accountId AND s.phone = ANY(:phones)', { accountId, phones }).getMany();
  }

  find(accountId: string, phone: string, manager: EntityManager = this.dataSource.manager): Promise<ConsentStateEntity | null> {
    return manager.findOneBy(ConsentStateEntity, { accountId, phone });
  }
}
