import { Module } from '@nestjs/common';
import { TwilioInboundController } from '../carriers/twilio-inbound.controller';
import { TwilioInboundService } from '../carriers/twilio-inbound.service';
import { GateController } from '../gate/gate.controller';
import { InboundBackpressure } from '../inbound/inbound-backpressure.service';
import { InboundBatcher } from '../inbound/inbound-batcher.service';
import { InboundController } from '../inbound/inbound.controller';
import { InboundService } from '../inbound/inbound.service';
import { IngestionQuotaGuard } from '../limits/ingestion-quota.guard';

/**
 * GATEWAY_ROLES `edge`: what carriers and the business's senders call, at volume — inbound
 * texts (the API and the carriers' webhooks) and the send gate. Carrier features add their
 * module to `imports`.
 */
@Module({
  imports: [],
  controllers: [InboundController, TwilioInboundController, GateController],
  providers: [InboundService, TwilioInboundService, InboundBatcher, InboundBackpressure, IngestionQuotaGuard],
})
export class EdgeModule {}
