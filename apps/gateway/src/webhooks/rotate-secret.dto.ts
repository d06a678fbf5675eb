import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A day by default: time for a business to roll the new secret out to every receiver. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 3600;
export const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;

/** `POST .../webhooks/:id/rotate-secret`; the body may be left out. */
export class RotateSecretDto {
  /** How long the old secret keeps signing beside the new one; 0 retires it at once. */
  @IsOptional()
  @IsInt({ message: 'graceSeconds must be a whole number of seconds' })
  @Min(0)
  @Max(MAX_ROTATION_GRACE_SECONDS, { message: `graceSeconds must be at most ${MAX_ROTATION_GRACE_SECONDS} (7 days)` })
  graceSeconds?: number;
}
