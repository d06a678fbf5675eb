/** The gate's own Redis connection: short timeouts, no offline queue, so a dead Redis fails fast. */
export const GATE_REDIS = Symbol('GATE_REDIS');
