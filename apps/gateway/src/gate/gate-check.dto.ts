import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';

/** `POST /v1/gate/:accountId/check`: up to 1000 numbers, in any format libphonenumber reads. */
export class GateCheckDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  phones!: string[];
}
