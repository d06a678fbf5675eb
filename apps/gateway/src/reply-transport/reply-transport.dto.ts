import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

export const REPLY_TRANSPORT_TYPES = ['http', 'twilio', 'telnyx'] as const;

/** Fields that belong to each type; any other is refused, so a mixed-up body is not half-read. */
export const FIELDS_OF_TYPE: Record<(typeof REPLY_TRANSPORT_TYPES)[number], string[]> = {
  http: ['url'],
  twilio: ['accountSid', 'authToken', 'messagingServiceSid', 'baseUrl'],
  telnyx: ['apiKey', 'publicKey', 'messagingProfileId', 'baseUrl'],
};

/**
 * `{ type: "http", url }`: confirmations are POSTed there as JSON.
 * `{ type: "twilio", accountSid, authToken, messagingServiceSid?, baseUrl? }`: sent through Twilio's Messages API.
 * `{ type: "telnyx", apiKey, publicKey, messagingProfileId?, baseUrl? }`: sent through Telnyx's Messages API.
 */
export class ReplyTransportDto {
  @IsIn(REPLY_TRANSPORT_TYPES, { message: 'type must be "http", "twilio" or "telnyx"' })
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

  /** Replies go through this Messaging Service (`MG…`), still from the number the subscriber texted. */
  @IsOptional()
  @IsString()
  @Matches(/^MG[0-9a-fA-F]{32}$/, { message: 'messagingServiceSid must be a Twilio Messaging Service SID: "MG" followed by 32 hexadecimal characters' })
  messagingServiceSid?: string;

  @ValidateIf((dto: ReplyTransportDto) => dto.type === 'telnyx' || dto.apiKey !== undefined)
  @IsString({ message: 'apiKey is required for type "telnyx" (a Telnyx API v2 key, "KEY…")' })
  @Length(8, 512, { message: 'apiKey must be 8 to 512 characters' })
  apiKey?: string;

  /** Telnyx's public key from its portal (base64 of 32 bytes): what its webhooks are checked with. Validated by the service. */
  @ValidateIf((dto: ReplyTransportDto) => dto.type === 'telnyx' || dto.publicKey !== undefined)
  @IsString({ message: 'publicKey is required for type "telnyx" (the public key in the Telnyx portal, which signs its webhooks)' })
  @MaxLength(128)
  publicKey?: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  messagingProfileId?: string;

  /** Where the carrier's API is (Twilio's or Telnyx's own by default). For a regional edge, a proxy, or a test double. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  baseUrl?: string;
}
