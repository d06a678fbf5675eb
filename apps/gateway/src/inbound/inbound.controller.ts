import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/auth.guards';
import { AuthenticatedAccount } from '../auth/authenticated-account.decorator';
import { InboundBatchDto } from './inbound-batch.dto';
import { InboundMessageDto } from './inbound-message.dto';
import { InboundService } from './inbound.service';

@Controller('v1/inbound')
@UseGuards(ApiKeyGuard)
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  @Post()
  @HttpCode(202)
  accept(@AuthenticatedAccount() accountId: string, @Body() dto: InboundMessageDto) {
    return this.inbound.accept(accountId, dto);
  }

  @Post('batch')
  @HttpCode(202)
  acceptBatch(@AuthenticatedAccount() accountId: string, @Body() dto: InboundBatchDto) {
    return this.inbound.acceptBatch(accountId, dto.messages);
  }
}
