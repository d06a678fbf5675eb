import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '@optout/contracts';

/**
 * Applies `decorators` as if they were stacked on the property in this order (the last one
 * first, as TypeScript does). The order is kept because the validation pipe stops at a field's
 * first broken rule: the rule a client is told about stays the same as when they were stacked.
 */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorator of [...decorators].reverse()) decorator(target, property);
  };
}

/** A webhook's target URL, for creating and changing one (the egress policy checks it further when saved). */
export const IsWebhookUrl = (): PropertyDecorator => stacked(IsString(), MaxLength(2048));

/** The event types a webhook is sent: at least one, each a known type, none twice. */
export const IsWebhookEventList = (): PropertyDecorator =>
  stacked(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(WEBHOOK_EVENT_TYPES.length),
    ArrayUnique(),
    IsIn(WEBHOOK_EVENT_TYPES as unknown as string[], { each: true, message: `each event must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` }),
  );
