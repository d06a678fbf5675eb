import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '@optout/contracts';

export class CreateWebhookDto {
  @IsString()
  @MaxLength(2048)
  url!: string;

  /** Omitted: every event type. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES as unknown as string[], { each: true, message: `each event must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events?: string[];
}
