import { Injectable, Logger } from '@nestjs/common';
import { ConsentApplier } from '@optout/consent';
import { ImportRowProblem, ImportSummary, messageOf, UnavailableError } from '@optout/contracts';
import { BlocklistRepository, ImportBatch } from '@optout/database';
import { ApiException } from '../http/api.exception';
import { CsvRecord, CsvRecordReader } from './csv-record.reader';
import { ImportColumn, ImportRowContext, POSITIONAL_COLUMNS, prepareImportRow, readHeader } from './import-row.util';
import { SubscriberPhoneResolver } from './subscriber-phone.resolver';

/** Rows per statement: large enough that a round trip is noise, small enough to hold locks briefly. */
export const IMPORT_BATCH_ROWS = 10_000;
/**
 * Batches written at once, each on its own connection: Postgres then uses a second core while
 * this process parses the next batch. Two, not more: an import must leave the pool (and the
 * machine) to the send gate and the other requests.
 */
export const IMPORT_CONCURRENT_BATCHES = 2;
/** 1M rows are about 30 MB; the cap keeps one request from streaming forever. */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;
/** Row errors listed in the answer; the rest are counted. */
export const IMPORT_MAX_LISTED_ERRORS = 1_000;

/**
 * `POST …/blocklist/import`: a CSV of opt-outs streamed from the request into the ledger.
 * Parsing and validating a batch overlaps the database writing the previous ones; when
 * IMPORT_CONCURRENT_BATCHES are being written the request is not read further (TCP
 * backpressure), so memory holds a few batches, never the file. Each batch is one statement
 * (one transaction); after it commits, the gate cache gets the new states with the
 * version-guarded write.
 */
@Injectable()
export class BlocklistImportService {
  private readonly logger = new Logger(BlocklistImportService.name);

  constructor(
    private readonly blocklist: BlocklistRepository,
    private readonly consent: ConsentApplier,
    private readonly phones: SubscriberPhoneResolver,
  ) {}

  async import(accountId: string, apiKeyId: string, body: AsyncIterable<Buffer | string>): Promise<ImportSummary> {
    const context: ImportRowContext = { defaultCountry: await this.phones.defaultCountryOf(accountId), importedAt: new Date(), now: Date.now() };
    const summary: ImportSummary = { rows: 0, recorded: 0, alreadyRecorded: 0, applied: 0, superseded: 0, rejected: 0, errors: [], errorsTruncated: false };
    const reader = new CsvRecordReader();
    let columns: readonly ImportColumn[] | null = null;
    let batch = emptyBatch();
    const progress = { committedRows: 0 };
    const inFlight = new Set<Promise<void>>();

    const reject = (problem: ImportRowProblem) => {
      summary.rejected++;
      if (summary.errors.length < IMPORT_MAX_LISTED_ERRORS) summary.errors.push(problem);
      else summary.errorsTruncated = true;
    };
    const flush = async () => {
      // A failed write stops the import at the next batch boundary (Promise.race rethrows it).
      while (inFlight.size >= IMPORT_CONCURRENT_BATCHES) await Promise.race(inFlight);
      if (batch.phones.length === 0) return;
      const writing = batch;
      batch = emptyBatch();
      const done: Promise<void> = this.write(accountId, apiKeyId, writing, summary).then(() => {
        progress.committedRows += writing.phones.length;
        inFlight.delete(done);
      });
      // Awaited at the next flush or at the end; until then a failure must not count as unhandled.
      done.catch(() => undefined);
      inFlight.add(done);
    };
    const take = (record: CsvRecord) => {
      if ('error' in record) {
        summary.rows++;
        reject({ row: record.row, code: 'unreadable_row', message: record.error });
        return;
      }
      if (columns === null) {
        const header = readHeader(record.fields);
        if (header.header && 'error' in header) {
          throw ApiException.validation([{ field: 'header', rule: 'csv_header', message: `${header.error}. Columns are phone[,optedOutAt][,keyword] (a header may also name source, which is ignored).` }]);
        }
        columns = header.header ? header.columns : POSITIONAL_COLUMNS;
        if (header.header) return;
      }
      summary.rows++;
      const row = prepareImportRow(record.fields, columns, context);
      if ('code' in row) return reject({ row: record.row, code: row.code, message: row.message });
      batch.phones.push(row.phone);
      batch.receivedAt.push(row.receivedAt);
      batch.keywords.push(row.keyword);
      batch.sourceMessageIds.push(row.sourceMessageId);
    };

    let bytes = 0;
    try {
      for await (const chunk of body) {
        bytes += chunk.length;
        if (bytes > IMPORT_MAX_BYTES) {
          throw new ApiException(413, 'payload_too_large', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MiB; split it (each part is imported on its own, and re-importing a part changes nothing)`);
        }
        for (const record of reader.push(chunk)) {
          take(record);
          if (batch.phones.length >= IMPORT_BATCH_ROWS) await flush();
        }
      }
      for (const record of reader.end()) take(record);
      await flush();
      await Promise.all(inFlight);
    } catch (error) {
      await Promise.allSettled(inFlight);
      throw this.interrupted(error, progress.committedRows);
    }
    if (summary.rows === 0) throw ApiException.validation([{ field: 'body', rule: 'csv_rows', message: 'the file has no rows; send phone[,optedOutAt][,keyword] lines' }]);
    return summary;
  }

  private async write(accountId: string, apiKeyId: string, batch: ImportBatch, summary: ImportSummary): Promise<void> {
    const result = await this.blocklist.importBatch(accountId, apiKeyId, batch);
    summary.recorded += result.recorded;
    summary.alreadyRecorded += batch.phones.length - result.recorded;
    summary.applied += result.applied.length;
    summary.superseded += result.recorded - result.applied.length;
    // After the commit, the apply path's gate step. Rows already recorded are re-synced too: if
    // an earlier import of them failed between its commit and this write, re-sending the file
    // repairs the cache. (No follow-ups: an import announces nothing.)
    await this.consent.syncGateMany(accountId, [...result.repeated, ...result.applied]);
  }

  /** An import stopped part-way: what is committed stays (and a re-import skips it). */
  private interrupted(error: unknown, committedRows: number): unknown {
    if (error instanceof ApiException && error.getStatus() < 500 && committedRows === 0) return error;
    const done = committedRows > 0 ? `${committedRows} valid rows were written before it stopped` : 'No row was written';
    if (error instanceof ApiException) {
      const body = error.getResponse() as { error: { message: string } };
      return new ApiException(error.getStatus(), error.code, `${body.error.message}. ${done}.`, error.details, error.headers);
    }
    this.logger.error(`import interrupted after ${committedRows} rows: ${(error as Error).stack ?? String(error)}`);
    return new UnavailableError(
      'import_interrupted',
      `The import stopped: ${messageOf(error)}. ${done}; send the same file again — rows already imported are skipped (and their gate cache entries rewritten).`,
      1,
      { cause: error },
    );
  }
}

function emptyBatch(): ImportBatch {
  return { phones: [], receivedAt: [], keywords: [], sourceMessageIds: [] };
}
