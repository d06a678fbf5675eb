import { createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../database.tokens';
import { sealedColumn } from '../secrets/sealed-column';

/** What stays of an erased number: blocked, findable by its keyed hash only. */
export interface Suppression {
  phoneHash: string;
  since: Date;
  keyword: string;
  /** Orders the suppression against the number's later plain decisions (last writer wins). */
  versionAt: Date;
  versionId: string;
  erasedAt: Date;
}

export interface ErasureResult {
  suppression: Suppression;
  /** Ledger rows whose personal data was replaced. */
  ledgerEvents: number;
  replyDeliveries: number;
  webhookDeliveries: number;
  /** The erased ledger rows as they were: which queue jobs may still carry the number. */
  erasedEvents: Array<{ id: string; source: string; sourceMessageId: string }>;
}

/** Prefix of every keyed hash: the hash scheme's version, should it ever change. */
export const ERASED_PREFIX = 'h1:';

/**
 * Erasure of a subscriber's personal data (docs/blocklist.md). The number, the sender, the
 * body-derived fields and the carrier's message id leave the ledger; a keyed hash of the
 * number stays in `consent_suppressions` so that the gate keeps answering `opted_out`.
 *
 * The hash is HMAC-SHA256 keyed by the installation's `erasure_keys` secret, over the
 * account id and the number: a phone number has too little entropy for a plain hash to hide
 * it, and two accounts' hashes of one number do not match.
 */
@Injectable()
export class ConsentErasureRepository {
  private secret: Promise<string> | null = null;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async hashOf(accountId: string, value: string): Promise<string> {
    return keyedHash(await this.key(), accountId, value);
  }

  /** The suppressions among `phones`, keyed by the plain number the caller asked about. */
  async findMany(accountId: string, phones: string[]): Promise<Map<string, Suppression>> {
    if (phones.length === 0) return new Map();
    const key = await this.key();
    const byHash = new Map(phones.map((phone) => [keyedHash(key, accountId, phone), phone]));
    const rows: SuppressionRow[] = await this.dataSource.query(
      `SELECT phone_hash, since, keyword, version_at, version_id, erased_at FROM consent_suppressions
        WHERE account_id = $1 AND phone_hash = ANY($2::text[])`,
      [accountId, [...byHash.keys()]],
    );
    return new Map(rows.map((row) => [byHash.get(row.phone_hash)!, suppressionOf(row)]));
  }

  /**
   * One transaction, serialised with manual changes of the same number: the suppression is
   * written (from the number's current state), the ledger rows and deliveries lose the number,
   * and the plain state row goes. A number that was not opted out is suppressed from the
   * erasure on: asking to be forgotten is asking not to be texted.
   */
  async erase(accountId: string, phone: string, now: Date = new Date()): Promise<ErasureResult> {
    const key = await this.key();
    const phoneHash = keyedHash(key, accountId, phone);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`consent:${accountId.toLowerCase()}:${phone}`]);
      const [current]: Array<{ status: string; since: Date; keyword: string }> = await manager.query(
        'SELECT status, since, keyword FROM consent_states WHERE account_id = $1 AND phone = $2 FOR UPDATE',
        [accountId, phone],
      );
      const [previous]: SuppressionRow[] = await manager.query(
        'SELECT phone_hash, since, keyword, version_at, version_id, erased_at FROM consent_suppressions WHERE account_id = $1 AND phone_hash = $2',
        [accountId, phoneHash],
      );
      // The erasure is a decision at `now`, newer than anything the number holds (even a
      // decision dated in the future by a skewed carrier clock).
      const latest = Math.max(now.getTime() - 1, current?.since.getTime() ?? 0, previous?.version_at.getTime() ?? 0);
      const versionAt = new Date(latest + 1);
      const optedOut = current?.status === 'opted_out' ? current : previous && !current ? { since: previous.since, keyword: previous.keyword } : null;
      const [row]: SuppressionRow[] = await manager.query(
        `INSERT INTO consent_suppressions (account_id, phone_hash, since, keyword, version_at, version_id, erased_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT pk_consent_suppressions DO UPDATE
           SET since = EXCLUDED.since, keyword = EXCLUDED.keyword, version_at = EXCLUDED.version_at,
               version_id = EXCLUDED.version_id, erased_at = EXCLUDED.erased_at
         RETURNING phone_hash, since, keyword, version_at, version_id, erased_at`,
        [accountId, phoneHash, optedOut?.since ?? now, optedOut?.keyword ?? '', versionAt, `erasure:${randomUUID()}`, now],
      );

      const events: Array<{ id: string; source: string; source_message_id: string }> = await manager.query(
        'SELECT id, source, source_message_id FROM consent_events WHERE account_id = $1 AND phone = $2',
        [accountId, phone],
      );
      const ids = events.map((event) => event.id);
      const hashedMessageIds = events.map((event) => keyedHash(key, accountId, event.source_message_id));
      if (ids.length > 0) {
        await manager.query(
          `UPDATE consent_events e
              SET phone = $2, source_message_id = m.hashed, sender = '', keyword = '', scope = NULL, language = NULL,
                  country = NULL, correlation_id = NULL, reason = NULL, erased_at = $5
             FROM unnest($3::uuid[], $4::text[]) AS m(id, hashed)
            WHERE e.id = m.id AND e.account_id = $1`,
          [accountId, phoneHash, ids, hashedMessageIds, now],
        );
      }
      await manager.query('DELETE FROM consent_states WHERE account_id = $1 AND phone = $2', [accountId, phone]);
      const [, replyDeliveries] = (await manager.query('UPDATE reply_deliveries SET to_phone = $3 WHERE account_id = $1 AND to_phone = $2', [
        accountId,
        phone,
        phoneHash,
      ])) as [unknown, number];
      let webhookDeliveries = 0;
      if (ids.length > 0) {
        // The frozen payload of each delivery (what a replay would send) loses the number too.
        [, webhookDeliveries] = (await manager.query(
          `UPDATE webhook_deliveries w
              SET payload = jsonb_set(w.payload::jsonb, '{data}', (w.payload::jsonb -> 'data') || jsonb_build_object(
                    'phone', $2::text, 'sender', '', 'keyword', '', 'language', NULL, 'country', NULL, 'messageId', m.hashed))::text
             FROM unnest($3::uuid[], $4::text[]) AS m(id, hashed)
            WHERE w.event_id = m.id AND w.account_id = $1`,
          [accountId, phoneHash, ids, hashedMessageIds],
        )) as [unknown, number];
      }
      return {
        suppression: suppressionOf(row),
        ledgerEvents: ids.length,
        replyDeliveries,
        webhookDeliveries,
        erasedEvents: events.map((event) => ({ id: event.id, source: event.source, sourceMessageId: event.source_message_id })),
      };
    });
  }

  /**
   * Read once per process: the key never changes (every stored hash depends on it). It is
   * sealed at rest like the other secrets (SECRETS_KEY; a row the migration wrote in plaintext
   * is sealed at start-up), so a copy of the table alone does not give it away.
   */
  private key(): Promise<string> {
    if (!this.secret) {
      this.secret = this.dataSource.query('SELECT secret FROM erasure_keys WHERE id = 1').then((rows: Array<{ secret: string }>) => {
        if (!rows[0]) throw new Error('erasure_keys has no key: the BlocklistManagement migration has not run');
        return sealedColumn.from(rows[0].secret) as string;
      });
      this.secret.catch(() => (this.secret = null));
    }
    return this.secret;
  }
}

interface SuppressionRow {
  phone_hash: string;
  since: Date;
  keyword: string;
  version_at: Date;
  version_id: string;
  erased_at: Date;
}

function suppressionOf(row: SuppressionRow): Suppression {
  return { phoneHash: row.phone_hash, since: row.since, keyword: row.keyword, versionAt: row.version_at, versionId: row.version_id, erasedAt: row.erased_at };
}

export function keyedHash(key: string, accountId: string, value: string): string {
  // Account ids are case-insensitive UUIDs; stored hashes were all made with the lower-case id.
  return ERASED_PREFIX + createHmac('sha256', key).update(`${accountId.toLowerCase()}\u0000${value}`).digest('base64url');
}
