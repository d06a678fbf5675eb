import { Readable } from 'node:stream';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res, StreamableFile, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyGuard } from '../auth/auth.guards';
import { AuthenticatedKey } from '../auth/authenticated-account.decorator';
import { ApiException } from '../http/api.exception';
import { AcceptsContentType } from '../http/content-type.guard';
import { BlocklistExportService } from './blocklist-export.service';
import { BlocklistImportService } from './blocklist-import.service';
import { ExportBlocklistQuery, ListBlocklistQuery, ManualOptOutDto } from './blocklist.dto';
import { BlocklistService } from './blocklist.service';

@Controller('v1/accounts/:accountId/blocklist')
@UseGuards(ApiKeyGuard)
export class BlocklistController {
  constructor(
    private readonly blocklist: BlocklistService,
    private readonly importer: BlocklistImportService,
    private readonly exporter: BlocklistExportService,
  ) {}

  @Get()
  list(@Param('accountId') accountId: string, @Query() query: ListBlocklistQuery) {
    return this.blocklist.list(accountId, query);
  }

  /** CSV, streamed: `phone,optedOutAt,keyword,source`, or the whole ledger with `?include=history`. */
  @Get('export')
  export(@Param('accountId') accountId: string, @Query() query: ExportBlocklistQuery): StreamableFile {
    const history = query.include === 'history';
    const csv = history ? this.exporter.ledgerCsv(accountId) : this.exporter.blocklistCsv(accountId);
    return new StreamableFile(Readable.from(csv, { objectMode: false }), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${history ? 'consent-ledger' : 'blocklist'}.csv"`,
    });
  }

  /** `text/csv`: `phone[,optedOutAt][,keyword]`, optional header; streamed. Row errors are listed, the other rows imported. */
  @Post('import')
  @HttpCode(200)
  @AcceptsContentType('text/csv')
  async import(
    @Param('accountId') accountId: string,
    @AuthenticatedKey() apiKeyId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const body = request.body as AsyncIterable<Buffer> | undefined;
    if (!body || typeof (body as Partial<AsyncIterable<Buffer>>)[Symbol.asyncIterator] !== 'function') {
      throw new ApiException(415, 'unsupported_media_type', 'Send the file as text/csv');
    }
    try {
      return await this.importer.import(accountId, apiKeyId, body);
    } catch (error) {
      // Refused part-way, the rest of the body is unread: the connection cannot carry another
      // request, so it closes after this answer (otherwise it would hang until the client gives up).
      if (!request.raw.complete) void reply.header('connection', 'close');
      throw error;
    }
  }

  @Put(':phone')
  async optOut(@Param('accountId') accountId: string, @Param('phone') phone: string, @AuthenticatedKey() apiKeyId: string, @Body() dto: ManualOptOutDto) {
    const change = await this.blocklist.optOut(accountId, apiKeyId, phone, dto?.reason ?? null);
    return { ...change.state, changed: change.changed };
  }

  @Delete(':phone')
  @HttpCode(204)
  async optIn(@Param('accountId') accountId: string, @Param('phone') phone: string, @AuthenticatedKey() apiKeyId: string): Promise<void> {
    await this.blocklist.optIn(accountId, apiKeyId, phone);
  }
}
