import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/auth.guards';
import { CreateWebhookDto } from './create-webhook.dto';
import { ListWebhookDeliveriesQuery } from './list-deliveries.query';
import { RotateSecretDto } from './rotate-secret.dto';
import { UpdateWebhookDto } from './update-webhook.dto';
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

  @Get('deliveries/:deliveryId')
  delivery(@Param('accountId') accountId: string, @Param('deliveryId') deliveryId: string) {
    return this.webhooks.getDelivery(accountId, deliveryId);
  }

  @Post('deliveries/:deliveryId/replay')
  @HttpCode(202)
  replay(@Param('accountId') accountId: string, @Param('deliveryId') deliveryId: string) {
    return this.webhooks.replay(accountId, deliveryId);
  }

  @Get(':id')
  get(@Param('accountId') accountId: string, @Param('id') id: string) {
    return this.webhooks.get(accountId, id);
  }

  @Patch(':id')
  update(@Param('accountId') accountId: string, @Param('id') id: string, @Body() dto: UpdateWebhookDto) {
    return this.webhooks.update(accountId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('accountId') accountId: string, @Param('id') id: string) {
    return this.webhooks.remove(accountId, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  rotateSecret(@Param('accountId') accountId: string, @Param('id') id: string, @Body() dto: RotateSecretDto) {
    return this.webhooks.rotateSecret(accountId, id, dto);
  }

  @Get(':id/deliveries')
  deliveries(@Param('accountId') accountId: string, @Param('id') id: string, @Query() query: ListWebhookDeliveriesQuery) {
    return this.webhooks.listDeliveries(accountId, id, query);
  }
}
