import { forwardRef, Module } from '@nestjs/common';
// The edge module imports this one too; Nest resolves the pair through forwardRef.
import { EdgeModule } from '../roles/edge.module';
import { TelnyxWebhookController } from './telnyx-webhook.controller';
import { TelnyxWebhookService } from './telnyx-webhook.service';
import { TwilioInboundController } from './twilio-inbound.controller';
import { TwilioInboundService } from './twilio-inbound.service';
import { TwilioWebhookVerifier } from './twilio-webhook.verifier';

/**
 * The carriers' webhooks (docs/carriers.md): Twilio's inbound texts and status callbacks,
 * Telnyx's messaging events: part of the `edge` role. Ingestion itself (`InboundService`, with
 * its batcher and backpressure) stays one instance, owned by the edge module and shared from there.
 */
@Module({
  imports: [forwardRef(() => EdgeModule)],
  controllers: [TwilioInboundController, TelnyxWebhookController],
  providers: [TwilioWebhookVerifier, TwilioInboundService, TelnyxWebhookService],
})
export class CarriersModule {}
