export * from './consent-applier.service';
export * from './consent-decision';
export * from './consent-follow-ups.service';
export * from './consent-webhook.util';
export * from './consent.module';
export * from './manual-change-time.util';
export * from './reply-loop-guard';
