import { Module } from '@nestjs/common';
import { ClassifyProcessor } from './classify.processor';
import { CompiledProfileCache } from './compiled-profile.cache';
import { InboundClassifier } from './inbound-classifier.service';

/** Applies compliance profiles to inbound messages. */
@Module({ providers: [ClassifyProcessor, CompiledProfileCache, InboundClassifier] })
export class ClassifierModule {}
