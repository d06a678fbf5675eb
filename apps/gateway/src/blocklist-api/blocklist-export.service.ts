import { Injectable } from '@nestjs/common';
import { BlocklistRepository } from '@optout/database';
import { csvLine } from './csv-field.util';

export const BLOCKLIST_EXPORT_HEADER = ['phone', 'optedOutAt', 'keyword', 'source'];
export const LEDGER_EXPORT_HEADER = [
  'eventId',
  'phone',
  'kind',
  'keyword',
  'scopeCountry',
  'scopeLanguage',
  'language',
  'country',
  'profileVersion',
  'source',
  'messageId',
  'sender',
  'receivedAt',
  'appliedAt',
  'apiKeyId',
  'reason',
  'erasedAt',
];

/**
 * CSV exports, produced batch by batch (keyset queries of 5 000 rows) as the client reads:
 * the response is a stream that pulls the next batch only when the previous one has been
 * taken, so memory holds one batch whatever the list's size. The block-list export's first
 * three columns are the import format: an export imports back unchanged.
 */
@Injectable()
export class BlocklistExportService {
  constructor(private readonly blocklist: BlocklistRepository) {}

  async *blocklistCsv(accountId: string): AsyncGenerator<string> {
    yield csvLine(BLOCKLIST_EXPORT_HEADER);
    for await (const rows of this.blocklist.stream(accountId)) {
      yield rows.map((row) => csvLine([row.phone, row.since.toISOString(), row.keyword, row.source])).join('');
    }
  }

  /** The ledger, one row per event, grouped by number (phone, then receivedAt). Erased rows show the keyed hash. */
  async *ledgerCsv(accountId: string): AsyncGenerator<string> {
    yield csvLine(LEDGER_EXPORT_HEADER);
    for await (const rows of this.blocklist.streamLedger(accountId)) {
      yield rows
        .map((row) =>
          csvLine([
            row.id,
            row.phone,
            row.kind,
            row.keyword,
            row.scope?.country,
            row.scope?.language,
            row.language,
            row.country,
            row.profileVersion,
            row.source,
            row.erasedAt ? null : row.sourceMessageId,
            row.sender,
            row.receivedAt.toISOString(),
            row.appliedAt.toISOString(),
            row.apiKeyId,
            row.reason,
            row.erasedAt?.toISOString(),
          ]),
        )
        .join('');
    }
  }
}
