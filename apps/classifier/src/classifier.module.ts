import { Module } from '@nestjs/common';
import { ProfilesModule } from '@optout/profiles';
import { ClassifyProcessor } from './classify.processor';
import { InboundClassifier } from './inbound-classifier.service';

/** Applies compliance profiles to inbound messages; compiled profiles come from libs/profiles. */
@Module({ imports: [ProfilesModule], providers: [ClassifyProcessor, InboundClassifier] })
export class ClassifierModule {}
