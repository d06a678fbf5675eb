import { forwardRef, Module } from '@nestjs/common';
import { CarriersModule } from '../carriers/carriers.module';
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
  imports: [forwardRef(() => CarriersModule)],
  controllers: [InboundController, GateController],
  providers: [InboundService, InboundBatcher, InboundBackpressure, IngestionQuotaGuard],
  // One ingestion path: the carriers' webhooks take the same InboundService (and its one batcher) as /v1/inbound.
  exports: [InboundService],
})
export class EdgeModule {}
