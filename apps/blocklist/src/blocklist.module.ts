import { Module } from '@nestjs/common';
import { ConsentModule } from '@optout/consent';
import { ConsentProcessor } from './consent.processor';
import { ReviewIntake } from './review-intake.service';

/**
 * Applies the consent decisions of classified texts (keywords and revocation phrases): the
 * ledger, the consent state, the gate cache, replies and webhooks; takes texts for review.
 */
@Module({ imports: [ConsentModule], providers: [ConsentProcessor, ReviewIntake] })
export class BlocklistModule {}
