import { IsOptional } from 'class-validator';
import { IsWebhookEventList, IsWebhookUrl } from './webhook-field.rules';

export class CreateWebhookDto {
  @IsWebhookUrl()
  url!: string;

  /** Omitted: every event type. */
  @IsOptional()
  @IsWebhookEventList()
  events?: string[];
}
