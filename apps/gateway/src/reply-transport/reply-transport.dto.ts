import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

export const REPLY_TRANSPORT_TYPES = ['http', 'twilio'] as const;

/** Fields that belong to each type; any other is refused, so a mixed-up body is not half-read. */
export const FIELDS_OF_TYPE: Record<(typeof REPLY_TRANSPORT_TYPES)[number], string[]> = {
  http: ['url'],
  twilio: ['accountSid', 'authToken', 'baseUrl'],
};

/**
 * `{ type: "http", url }`: confirmations are POSTed there as JSON.
 * `{ type: "twilio", accountSid, authToken, baseUrl? }`: sent through Twilio's Messages API.
 */
export class ReplyTransportDto {
  @IsIn(REPLY_TRANSPORT_TYPES, { message: 'type must be "http" or "twilio"' })
  type!: (typeof REPLY_TRANSPORT_TYPES)[number];

  @ValidateIf((dto: ReplyTransportDto) => dto.type === 'http' || dto.url !== undefined)
  @IsString({ message: 'url is required for type "http" (where confirmations are POSTed)' })
  @MaxLength(2048)
  url?: string;

  @ValidateIf((dto: ReplyTransportDto) => dto.type === 'twilio' || dto.accountSid !== undefined)
  @IsString({ message: 'accountSid is required for type "twilio"' })
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'accountSid must be a Twilio account SID: "AC" followed by 32 hexadecimal characters' })
  accountSid?: string;

  @ValidateIf((dto: ReplyTransportDto) => dto.type === 'twilio' || dto.authToken !== undefined)
  @IsString({ message: 'authToken is required for type "twilio"' })
  @Length(8, 256, { message: 'authToken must be 8 to 256 characters (Twilio auth tokens are 32)' })
  authToken?: string;

  /** Where Twilio's API is; Twilio's own by default. For a regional edge, a proxy, or a test double. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  baseUrl?: string;
}
