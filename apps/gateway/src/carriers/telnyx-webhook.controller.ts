import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { TelnyxWebhookService } from './telnyx-webhook.service';

@Controller('v1/carriers/telnyx')
export class TelnyxWebhookController {
  constructor(private readonly telnyx: TelnyxWebhookService) {}

  /** Telnyx's messaging webhook: `message.received`, and opt-outs seen on `message.sent`/`message.finalized`. */
  @Post(':accountId')
  @HttpCode(200)
  accept(@Param('accountId') accountId: string, @Req() request: FastifyRequest) {
    return this.telnyx.accept(accountId, request);
  }
}
