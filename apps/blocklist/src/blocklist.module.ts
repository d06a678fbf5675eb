import { Module } from '@nestjs/common';
import { ConsentRecorder } from '@optout/consent';
import { ConsentApplier } from './consent-applier.service';
import { ConsentFollowUps } from './consent-follow-ups.service';
import { ConsentProcessor } from './consent.processor';
import { ReviewIntake } from './review-intake.service';

/** Keeps the consent ledger, the consent state and the gate cache; emits replies and webhooks. */
@Module({ providers: [ConsentProcessor, ConsentApplier, ConsentFollowUps, ConsentRecorder, ReviewIntake] })
export class BlocklistModule {}
