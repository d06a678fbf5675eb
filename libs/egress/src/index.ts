export * from './address-policy.util';
export * from './target-url.util';
