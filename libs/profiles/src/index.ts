export * from './compiled-profile.cache';
export * from './profile-change.message';
export * from './profile-change.publisher';
export * from './profile-change.subscriber';
export * from './profiles.module';
export * from './profiles.tokens';
