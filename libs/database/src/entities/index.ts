import { AccountEntity } from './account.entity';
import { ApiKeyEntity } from './api-key.entity';
import { ComplianceProfileEntity } from './compliance-profile.entity';
import { ConsentEventEntity } from './consent-event.entity';
import { ConsentStateEntity } from './consent-state.entity';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { ReplyDeliveryEntity } from './reply-delivery.entity';
import { TwilioCredentialEntity } from './twilio-credential.entity';
import { TelnyxCredentialEntity } from './telnyx-credential.entity';
import { ReplyTransportEntity } from './reply-transport.entity';
import { RevocationReviewEntity } from './revocation-review.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export * from './account.entity';
export * from './api-key.entity';
export * from './compliance-profile.entity';
export * from './consent-event.entity';
export * from './consent-state.entity';
export * from './delivery-attempt.entity';
export * from './reply-delivery.entity';
export * from './twilio-credential.entity';
export * from './telnyx-credential.entity';
export * from './reply-transport.entity';
export * from './revocation-review.entity';
export * from './webhook-delivery.entity';
export * from './webhook-endpoint.entity';

export const ALL_ENTITIES = [
  AccountEntity,
  ApiKeyEntity,
  ComplianceProfileEntity,
  ConsentEventEntity,
  ConsentStateEntity,
  ReplyTransportEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  DeliveryAttemptEntity,
  ReplyDeliveryEntity,
  TwilioCredentialEntity,
  TelnyxCredentialEntity,
  RevocationReviewEntity,
];
