import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, MaxLength, ValidateIf } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '@optout/contracts';

/** Left out means "unchanged"; null is not taken for that (IsOptional would let it through to the database as a value). */
const unlessLeftOut = () => ValidateIf((_dto: unknown, value: unknown) => value !== undefined);

/** `PATCH .../webhooks/:id`: any of these; `enabled: true` brings back an endpoint disabled by a 410. */
export class UpdateWebhookDto {
  @unlessLeftOut()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @unlessLeftOut()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES as unknown as string[], { each: true, message: `each event must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events?: string[];

  @unlessLeftOut()
  @IsBoolean()
  enabled?: boolean;
}
