import { IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

/** `POST /v1/inbound`: one message as a carrier (or an aggregator) hands it over. */
export class InboundMessageDto {
  @IsUUID('all', { message: 'accountId must be the id of your account (a UUID)' })
  accountId!: string;

  /** The carrier's id of the message; the same id twice is one message. */
  @IsString()
  @Length(1, 200)
  messageId!: string;

  @IsString()
  @Length(1, 64)
  from!: string;

  @IsString()
  @Length(1, 64)
  to!: string;

  /** Empty for an MMS without text; 1600 characters is the longest concatenated SMS carriers deliver. */
  @IsString()
  @MaxLength(1600)
  body!: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO-8601 date-time, e.g. 2026-11-26T12:00:00Z' })
  receivedAt?: string;
}
