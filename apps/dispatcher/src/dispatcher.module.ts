import { Module } from '@nestjs/common';
import { CarrierOptOutReporter } from './carrier-opt-out.reporter';
import { DispatchProcessors } from './dispatch.processors';
import { EndpointSlotsProvider } from './endpoint-slots.provider';
import { OutboundHttpClient } from './outbound-http.client';
import { ReplySender } from './reply-sender.service';
import { WebhookDeliverer } from './webhook-deliverer.service';
import { WebhookFanout } from './webhook-fanout.service';

/** Delivers confirmation replies and signed webhooks, with retries and dead letters. */
@Module({ providers: [DispatchProcessors, EndpointSlotsProvider, OutboundHttpClient, ReplySender, CarrierOptOutReporter, WebhookDeliverer, WebhookFanout] })
export class DispatcherModule {}
