import { IsBoolean, ValidateIf } from 'class-validator';
import { IsWebhookEventList, IsWebhookUrl } from './webhook-field.rules';

/** Left out means "unchanged"; null is not taken for that (IsOptional would let it through to the database as a value). */
const unlessLeftOut = () => ValidateIf((_dto: unknown, value: unknown) => value !== undefined);

/** `PATCH .../webhooks/:id`: any of these; `enabled: true` brings back an endpoint disabled by a 410. */
export class UpdateWebhookDto {
  @unlessLeftOut()
  @IsWebhookUrl()
  url?: string;

  @unlessLeftOut()
  @IsWebhookEventList()
  events?: string[];

  @unlessLeftOut()
  @IsBoolean()
  enabled?: boolean;
}
