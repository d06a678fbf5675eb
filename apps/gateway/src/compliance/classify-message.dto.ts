import { IsObject, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';

/** `POST /v1/accounts/:accountId/compliance/classify`: a text to try against the profile. */
export class ClassifyMessageDto {
  /** The subscriber: their country decides which overrides apply. */
  @IsString()
  @Length(1, 64)
  from!: string;

  /** The business number texted; checked like an inbound message's, not used by the rules. Null is refused, not taken for "left out". */
  @ValidateIf((_dto: unknown, value: unknown) => value !== undefined)
  @IsString()
  @Length(1, 64)
  to?: string;

  @IsString()
  @MaxLength(1600)
  body!: string;

  /**
   * A draft profile to try instead of the saved one, validated like a PUT and never stored:
   * how an admin checks a profile before any subscriber meets it.
   */
  @IsOptional()
  @IsObject({ message: 'profile must be a compliance profile object (as for PUT /compliance)' })
  profile?: Record<string, unknown>;
}
