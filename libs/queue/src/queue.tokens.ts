/** The shared producer connection (ioredis) of this process. */
export const PRODUCER_REDIS = Symbol('PRODUCER_REDIS');
