import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConsentSource } from '../entities';
import { DATA_SOURCE } from '../database.tokens';

/** One number on the block list, with how it got there (the source of the deciding ledger row). */
export interface BlocklistEntry {
  phone: string;
  since: Date;
  keyword: string;
  source: ConsentSource;
}

/** Which numbers a page or an export covers: keyset on the phone, optionally within [from, to). */
export interface BlocklistRange {
  /** Only numbers after this one (the previous page's last). */
  after?: string;
  from?: string;
  /** Exclusive; absent: no upper bound. */
  to?: string | null;
}

/** The rows of one imported batch, column by column (what `unnest` takes). */
export interface ImportBatch {
  phones: string[];
  receivedAt: string[];
  keywords: string[];
  sourceMessageIds: string[];
}

/** A number whose state the gate must show after the batch, as it stands in Postgres. */
export interface ImportedState {
  phone: string;
  status: 'opted_out' | 'opted_in';
  since: Date;
  sourceMessageId: string;
  keyword: string;
}

export interface ImportBatchResult {
  /** Ledger rows written by this batch (rows already in the ledger are not counted). */
  recorded: number;
  /** Numbers whose state this batch changed: the block list gained or refreshed them. */
  applied: ImportedState[];
  /**
   * Numbers whose every row of the batch was already in the ledger (a re-import): their
   * current state, so that the gate can be re-synced in case an earlier import of the same
   * rows failed between its commit and its cache write.
   */
  repeated: ImportedState[];
}

/** One ledger row as the history export writes it. */
export interface LedgerExportRow {
  id: string;
  phone: string;
  kind: string;
  keyword: string;
  scope: { country?: string; language?: string } | null;
  language: string | null;
  country: string | null;
  profileVersion: number | null;
  source: ConsentSource;
  sourceMessageId: string;
  sender: string;
  receivedAt: Date;
  appliedAt: Date;
  apiKeyId: string | null;
  reason: string | null;
  erasedAt: Date | null;
}

/**
 * The block list as a business manages it: pages, exports and set-based imports. Every
 * query walks an index in phone order (keyset), so that a page or an export batch costs the
 * same at the millionth number as at the first.
 */
@Injectable()
export class BlocklistRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Opted-out numbers in phone order. Uses the partial index `ix_consent_states_blocklist`. */
  async page(accountId: string, range: BlocklistRange, limit: number): Promise<BlocklistEntry[]> {
    const where = ['s.account_id = $1', "s.status = 'opted_out'"];
    const values: unknown[] = [accountId];
    if (range.after !== undefined) where.push(`s.phone > $${values.push(range.after)}`);
    if (range.from !== undefined) where.push(`s.phone >= $${values.push(range.from)}`);
    if (range.to) where.push(`s.phone < $${values.push(range.to)}`);
    const rows: Array<{ phone: string; since: Date; keyword: string; source: ConsentSource }> = await this.dataSource.query(
      `SELECT s.phone, s.since, s.keyword, e.source
         FROM consent_states s JOIN consent_events e ON e.id = s.event_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.phone
        LIMIT $${values.push(limit)}`,
      values,
    );
    return rows;
  }

  /** The whole block list, `batchSize` rows per query: memory holds one batch, never the list. */
  async *stream(accountId: string, batchSize = 5_000): AsyncGenerator<BlocklistEntry[]> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.page(accountId, { after }, batchSize);
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1].phone;
    }
  }

  /**
   * The ledger in (phone, receivedAt, id) order, batch by batch, keyset on the index
   * `ix_consent_events_phone`. The cursor carries receivedAt in microseconds as Postgres
   * holds it, so that no row is skipped or repeated at a batch boundary.
   */
  async *streamLedger(accountId: string, batchSize = 5_000): AsyncGenerator<LedgerExportRow[]> {
    let cursor: { phone: string; receivedUs: string; id: string } | null = null;
    for (;;) {
      const values: unknown[] = [accountId];
      let after = '';
      if (cursor) {
        values.push(cursor.phone, cursor.receivedUs, cursor.id);
        const at = `timestamptz 'epoch' + CAST($3 AS bigint) * interval '1 microsecond'`;
        after = `AND (e.phone, e.received_at) >= ($2, ${at}) AND (e.phone, e.received_at, e.id) > ($2, ${at}, CAST($4 AS uuid))`;
      }
      const rows: Array<Record<string, unknown>> = await this.dataSource.query(
        `SELECT e.id, e.phone, e.kind, e.keyword, e.scope, e.language, e.country, e.profile_version, e.source,
                e.source_message_id, e.sender, e.received_at, e.applied_at, e.api_key_id, e.reason, e.erased_at,
                (extract(epoch from e.received_at) * 1000000)::bigint::text AS received_us
           FROM consent_events e
          WHERE e.account_id = $1 ${after}
          ORDER BY e.phone, e.received_at, e.id
          LIMIT ${Number(batchSize)}`,
        values,
      );
      if (rows.length > 0) yield rows.map(ledgerRowOf);
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      cursor = { phone: last.phone as string, receivedUs: last.received_us as string, id: last.id as string };
    }
  }

  /**
   * One batch of imported opt-outs in one statement (so one transaction): the ledger rows
   * (`ON CONFLICT DO NOTHING` on the account's message id, which is derived from the row's
   * content, so a re-import records nothing), then the state of each number from its newest
   * new row, changed only when newer than what it holds — by (receivedAt, message id), the
   * same last-writer-wins rule as texts. Import rows have no follow-ups: `follow_ups_done_at`
   * is set at once.
   */
  async importBatch(accountId: string, apiKeyId: string, batch: ImportBatch): Promise<ImportBatchResult> {
    const rows: Array<{ k: 'a' | 'r' | 'n'; phone: string | null; status: 'opted_out' | 'opted_in' | null; since: Date | null; source_message_id: string | null; keyword: string | null; n: string | null }> =
      await this.dataSource.query(
        `WITH input AS (
           SELECT * FROM unnest($3::text[], $4::timestamptz[], $5::text[], $6::text[]) AS t(phone, received_at, keyword, source_message_id)
         ),
         recorded AS (
           INSERT INTO consent_events (id, account_id, source_message_id, phone, sender, kind, keyword, scope, language, country,
                                       profile_version, source, received_at, follow_ups_done_at, api_key_id)
           SELECT gen_random_uuid(), $1, source_message_id, phone, '', 'optOut', keyword, NULL, NULL, NULL,
                  NULL, 'import', received_at, now(), $2
             FROM input
            -- One order for every writer: two batches written at once wait for each other's
            -- duplicates (rarely) but cannot deadlock on them.
            ORDER BY source_message_id
           ON CONFLICT ON CONSTRAINT uq_consent_events_message DO NOTHING
           RETURNING id, phone, received_at, keyword, source_message_id
         ),
         latest AS (
           SELECT DISTINCT ON (phone) * FROM recorded ORDER BY phone, received_at DESC, source_message_id DESC
         ),
         applied AS (
           INSERT INTO consent_states AS current (account_id, phone, status, since, source_message_id, keyword, event_id, updated_at)
           SELECT $1, phone, 'opted_out', received_at, source_message_id, keyword, id, now() FROM latest
           ON CONFLICT ON CONSTRAINT pk_consent_states DO UPDATE
             SET status = EXCLUDED.status, since = EXCLUDED.since, source_message_id = EXCLUDED.source_message_id,
                 keyword = EXCLUDED.keyword, event_id = EXCLUDED.event_id, updated_at = now()
           WHERE (current.since, current.source_message_id) < (EXCLUDED.since, EXCLUDED.source_message_id)
           RETURNING phone, status, since, source_message_id, keyword
         ),
         repeated AS (
           -- One primary-key lookup per number (LATERAL … LIMIT 1 keeps the planner from hashing
           -- the account's whole state table instead, which costs a full scan per batch).
           SELECT s.phone, s.status, s.since, s.source_message_id, s.keyword
             FROM (SELECT phone FROM input EXCEPT SELECT phone FROM recorded) AS r,
                  LATERAL (SELECT * FROM consent_states c WHERE c.account_id = $1 AND c.phone = r.phone LIMIT 1) AS s
         )
         SELECT 'a' AS k, phone, status, since, source_message_id, keyword, NULL::bigint AS n FROM applied
         UNION ALL
         SELECT 'r', phone, status, since, source_message_id, keyword, NULL FROM repeated
         UNION ALL
         SELECT 'n', NULL, NULL, NULL, NULL, NULL, count(*) FROM recorded`,
        [accountId, apiKeyId, batch.phones, batch.receivedAt, batch.keywords, batch.sourceMessageIds],
      );
    const result: ImportBatchResult = { recorded: 0, applied: [], repeated: [] };
    for (const row of rows) {
      if (row.k === 'n') {
        result.recorded = Number(row.n);
        continue;
      }
      const state: ImportedState = { phone: row.phone!, status: row.status!, since: row.since!, sourceMessageId: row.source_message_id!, keyword: row.keyword! };
      (row.k === 'a' ? result.applied : result.repeated).push(state);
    }
    return result;
  }
}

function ledgerRowOf(row: Record<string, unknown>): LedgerExportRow {
  return {
    id: row.id as string,
    phone: row.phone as string,
    kind: row.kind as string,
    keyword: row.keyword as string,
    scope: (row.scope as LedgerExportRow['scope']) ?? null,
    language: (row.language as string | null) ?? null,
    country: (row.country as string | null) ?? null,
    profileVersion: (row.profile_version as number | null) ?? null,
    source: row.source as ConsentSource,
    sourceMessageId: row.source_message_id as string,
    sender: row.sender as string,
    receivedAt: row.received_at as Date,
    appliedAt: row.applied_at as Date,
    apiKeyId: (row.api_key_id as string | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    erasedAt: (row.erased_at as Date | null) ?? null,
  };
}
