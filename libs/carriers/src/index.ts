export * from './carrier-consent';
export * from './telnyx-signature';
