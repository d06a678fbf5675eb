import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';

/**
 * `POST /v1/inbound/batch`. Items are validated one by one by the service, not here: one bad
 * message must not refuse the other 999.
 */
export class InboundBatchDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  messages!: unknown[];
}
