import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/auth.guards';
import { ListReplyDeliveriesQuery } from '../webhooks/list-deliveries.query';
import { ReplyTransportDto } from './reply-transport.dto';
import { ReplyTransportService } from './reply-transport.service';

@Controller('v1/accounts/:accountId/reply-transport')
@UseGuards(ApiKeyGuard)
export class ReplyTransportController {
  constructor(private readonly transports: ReplyTransportService) {}

  @Put()
  put(@Param('accountId') accountId: string, @Body() dto: ReplyTransportDto) {
    return this.transports.put(accountId, dto);
  }

  @Get()
  get(@Param('accountId') accountId: string) {
    return this.transports.get(accountId);
  }

  /** Every confirmation text of the account, with each attempt to send it. */
  @Get('deliveries')
  deliveries(@Param('accountId') accountId: string, @Query() query: ListReplyDeliveriesQuery) {
    return this.transports.listDeliveries(accountId, query);
  }
}
