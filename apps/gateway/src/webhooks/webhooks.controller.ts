import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/auth.guards';
import { CreateWebhookDto } from './create-webhook.dto';
import { WebhooksService } from './webhooks.service';

@Controller('v1/accounts/:accountId/webhooks')
@UseGuards(ApiKeyGuard)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  create(@Param('accountId') accountId: string, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(accountId, dto);
  }

  @Get()
  list(@Param('accountId') accountId: string) {
    return this.webhooks.list(accountId);
  }

  @Get(':id')
  get(@Param('accountId') accountId: string, @Param('id') id: string) {
    return this.webhooks.get(accountId, id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('accountId') accountId: string, @Param('id') id: string) {
    return this.webhooks.remove(accountId, id);
  }

  @Get(':id/deliveries')
  deliveries(@Param('accountId') accountId: string, @Param('id') id: string) {
    return this.webhooks.listDeliveries(accountId, id);
  }
}
