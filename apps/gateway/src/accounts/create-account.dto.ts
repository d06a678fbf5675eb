import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateAccountDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  /** Lets carriers send national-format numbers (e.g. "(202) 555-0199" with US). */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'defaultCountry must be an ISO 3166-1 alpha-2 code in upper case, e.g. US' })
  defaultCountry?: string;
}
