export * from './consent-recorder.service';
export * from './consent-webhook.util';
