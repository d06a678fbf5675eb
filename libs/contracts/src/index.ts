export * from './queue-names';
export * from './consent-kind';
export * from './job-payloads';
export * from './domain-errors';
export * from './uuid';
export * from './api-views';
