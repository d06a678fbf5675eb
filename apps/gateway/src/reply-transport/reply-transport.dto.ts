import { Equals, IsString, MaxLength } from 'class-validator';

/** `{ type: "http", url }`: confirmations are POSTed there as JSON. Twilio comes with the compliance work. */
export class ReplyTransportDto {
  @Equals('http', { message: 'type must be "http"' })
  type!: 'http';

  @IsString()
  @MaxLength(2048)
  url!: string;
}
