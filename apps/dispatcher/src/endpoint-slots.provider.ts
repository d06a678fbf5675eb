import type { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { EndpointSlots } from './endpoint-slots.util';

/**
 * 10 of the 50 jobs a delivery worker runs at once for one healthy endpoint, 1 for a failing
 * one: a hanging endpoint holds at most one slot per process once it has timed out once, and
 * at most 10 before — 40 stay free for everyone else.
 */
export const ENDPOINT_SLOT_LIMITS = { healthyLimit: 10, failingLimit: 1 };

/** One per process, shared by webhook deliveries (`webhook:<endpoint id>`) and replies (`reply:<account id>`). */
export const EndpointSlotsProvider: Provider = {
  provide: EndpointSlots,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new EndpointSlots({ ...ENDPOINT_SLOT_LIMITS, timeoutMs: config.webhookTimeoutMs }),
};
