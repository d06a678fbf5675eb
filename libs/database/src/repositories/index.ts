export * from './account.repository';
export * from './compliance-profile.repository';
export * from './consent-ledger.repository';
export * from './consent-state.repository';
export * from './reply-transport.repository';
export * from './webhook-delivery.repository';
export * from './webhook-endpoint.repository';
