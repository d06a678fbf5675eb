import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/auth.guards';
import { IngestionQuotaGuard } from '../limits/ingestion-quota.guard';
import { AuthenticatedAccount } from '../auth/authenticated-account.decorator';
import { CheckedBody } from '../http/checked-body.pipe';
import { InboundBatchBody, inboundBatchProblems, InboundMessageBody, inboundMessageProblems } from './inbound-message.rules';
import { InboundService } from './inbound.service';

@Controller('v1/inbound')
// After the key: the quota is the authenticated account's.
@UseGuards(ApiKeyGuard, IngestionQuotaGuard)
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  @Post()
  @HttpCode(202)
  accept(@AuthenticatedAccount() accountId: string, @Body(new CheckedBody(inboundMessageProblems)) body: InboundMessageBody) {
    return this.inbound.accept(accountId, body);
  }

  @Post('batch')
  @HttpCode(202)
  acceptBatch(@AuthenticatedAccount() accountId: string, @Body(new CheckedBody(inboundBatchProblems)) body: InboundBatchBody) {
    return this.inbound.acceptBatch(accountId, body.messages);
  }
}
