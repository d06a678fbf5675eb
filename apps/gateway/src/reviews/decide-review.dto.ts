import { IsIn } from 'class-validator';

/** `POST /v1/accounts/:accountId/reviews/:id`. */
export class DecideReviewDto {
  @IsIn(['optOut', 'dismiss'], { message: 'decision must be "optOut" (apply the opt-out as of the text) or "dismiss" (not a revocation)' })
  decision!: 'optOut' | 'dismiss';
}
