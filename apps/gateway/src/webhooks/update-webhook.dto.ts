import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '@optout/contracts';

/** `PATCH .../webhooks/:id`: any of these; `enabled: true` brings back an endpoint disabled by a 410. */
export class UpdateWebhookDto {
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES as unknown as string[], { each: true, message: `each event must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events?: string[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
