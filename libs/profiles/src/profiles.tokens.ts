/** The Redis connection that listens for profile changes (a subscribed connection can do nothing else). */
export const PROFILE_CHANGES_REDIS = Symbol('PROFILE_CHANGES_REDIS');
