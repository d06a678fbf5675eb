export * from './consent-recorder.service';
export * from './consent-webhook.util';
export * from './manual-change-time.util';
