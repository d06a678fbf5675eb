export * from './address-policy.util';
export * from './target-url.util';
export * from './egress-refused.error';
export * from './guarded-lookup.util';
export * from './egress-agent.factory';
