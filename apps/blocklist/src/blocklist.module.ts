import { Module } from '@nestjs/common';
import { ConsentModule } from '@optout/consent';
import { ConsentProcessor } from './consent.processor';

/** Applies the consent decisions of keyword texts: the ledger, the consent state, the gate cache, replies and webhooks. */
@Module({ imports: [ConsentModule], providers: [ConsentProcessor] })
export class BlocklistModule {}
