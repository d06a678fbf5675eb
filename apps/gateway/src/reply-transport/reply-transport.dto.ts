import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

export const REPLY_TRANSPORT_TYPES = ['http', 'twilio', 'telnyx'] as const;
type ReplyTransportType = (typeof REPLY_TRANSPORT_TYPES)[number];

/** Fields that belong to each type; any other is refused, so a mixed-up body is not half-read. */
export const FIELDS_OF_TYPE: Record<ReplyTransportType, string[]> = {
  http: ['url'],
  twilio: ['accountSid', 'authToken', 'messagingServiceSid', 'baseUrl'],
  telnyx: ['apiKey', 'publicKey', 'messagingProfileId', 'baseUrl'],
};

/**
 * A string the body must have when its type is `type` (what it is, in `what`, for the message),
 * and that is still checked when given with another type — FIELDS_OF_TYPE then refuses it.
 */
function RequiredFor(type: ReplyTransportType, what?: string): PropertyDecorator {
  return (target, field) => {
    const name = String(field);
    ValidateIf((dto: Record<string, unknown>) => dto.type === type || dto[name] !== undefined)(target, name);
    IsString({ message: `${name} is required for type "${type}"${what ? ` (${what})` : ''}` })(target, name);
  };
}

/**
 * `{ type: "http", url }`: confirmations are POSTed there as JSON.
 * `{ type: "twilio", accountSid, authToken, messagingServiceSid?, baseUrl? }`: sent through Twilio's Messages API.
 * `{ type: "telnyx", apiKey, publicKey, messagingProfileId?, baseUrl? }`: sent through Telnyx's Messages API.
 */
export class ReplyTransportDto {
  @IsIn(REPLY_TRANSPORT_TYPES, { message: 'type must be "http", "twilio" or "telnyx"' })
  type!: ReplyTransportType;

  @RequiredFor('http', 'where confirmations are POSTed')
  @MaxLength(2048)
  url?: string;

  @RequiredFor('twilio')
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'accountSid must be a Twilio account SID: "AC" followed by 32 hexadecimal characters' })
  accountSid?: string;

  @RequiredFor('twilio')
  @Length(8, 256, { message: 'authToken must be 8 to 256 characters (Twilio auth tokens are 32)' })
  authToken?: string;

  /** Replies go through this Messaging Service (`MG…`), still from the number the subscriber texted. */
  @IsOptional()
  @IsString()
  @Matches(/^MG[0-9a-fA-F]{32}$/, { message: 'messagingServiceSid must be a Twilio Messaging Service SID: "MG" followed by 32 hexadecimal characters' })
  messagingServiceSid?: string;

  @RequiredFor('telnyx', 'a Telnyx API v2 key, "KEY…"')
  @Length(8, 512, { message: 'apiKey must be 8 to 512 characters' })
  apiKey?: string;

  /** Telnyx's public key from its portal (base64 of 32 bytes): what its webhooks are checked with. Validated by the service. */
  @RequiredFor('telnyx', 'the public key in the Telnyx portal, which signs its webhooks')
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
