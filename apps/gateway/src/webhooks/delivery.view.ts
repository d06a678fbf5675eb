import type { DeliveryAttemptEntity, ReplyDeliveryEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from '@optout/database';

/** How the API shows one attempt: when, what it left the delivery as, what the endpoint said. */
export function attemptViewOf(attempt: DeliveryAttemptEntity) {
  return {
    attempt: attempt.attempt,
    round: attempt.round,
    attemptedAt: attempt.attemptedAt.toISOString(),
    status: attempt.status,
    responseCode: attempt.responseCode,
    latencyMs: attempt.latencyMs,
    error: attempt.error,
    /** Twilio's or Telnyx's own error on a refused send (`code`, `message`, `moreInfo`); null otherwise. */
    carrierError: attempt.carrierError ?? null,
  };
}

export function webhookDeliveryViewOf(delivery: WebhookDeliveryEntity, attempts: DeliveryAttemptEntity[]) {
  return {
    id: delivery.id,
    /** The `webhook-id` header of every attempt and replay. */
    webhookId: delivery.id,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attemptCount: delivery.attempts,
    replays: delivery.replays,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
    attempts: attempts.map(attemptViewOf),
  };
}

export function replyDeliveryViewOf(reply: ReplyDeliveryEntity, attempts: DeliveryAttemptEntity[]) {
  return {
    id: reply.id,
    eventId: reply.eventId,
    kind: reply.kind,
    to: reply.toPhone,
    from: reply.fromSender,
    transport: reply.transportType,
    providerMessageId: reply.providerMessageId,
    status: reply.status,
    attemptCount: reply.attempts,
    lastStatusCode: reply.lastStatusCode,
    lastError: reply.lastError,
    createdAt: reply.createdAt.toISOString(),
    updatedAt: reply.updatedAt.toISOString(),
    attempts: attempts.map(attemptViewOf),
  };
}

/** An endpoint as the API shows it: never its secret (that is shown once, at creation or rotation). */
export function endpointViewOf(endpoint: WebhookEndpointEntity, now = new Date()) {
  const rotating = endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > now;
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    /** While set, deliveries carry a second signature made with the secret that was rotated out. */
    previousSecretExpiresAt: rotating ? endpoint.previousSecretExpiresAt!.toISOString() : null,
    createdAt: endpoint.createdAt.toISOString(),
  };
}
