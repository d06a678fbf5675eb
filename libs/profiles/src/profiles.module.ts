import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { createRedisClient } from '@optout/queue';
import { CompiledProfileCache } from './compiled-profile.cache';
import { ProfileChangePublisher } from './profile-change.publisher';
import { ProfileChangeSubscriber } from './profile-change.subscriber';
import { PROFILE_CHANGES_REDIS } from './profiles.tokens';

/**
 * Compiled compliance profiles for the processes that classify (the classifier, the gateway's
 * dry run), kept fresh by the changes the gateway announces. Imported by each app that needs
 * it; in the all-in-one process Nest makes it one instance, so one cache and one subscription.
 */
@Module({
  providers: [
    {
      provide: PROFILE_CHANGES_REDIS,
      inject: [APP_CONFIG],
      // The subscriber connects once its listeners exist, and re-subscribes itself on 'ready'
      // so that it knows when announcements flow again (ProfileChangeSubscriber).
      useFactory: (config: AppConfig) => createRedisClient(config, 'subscriber', 'optout-profile-changes'),
    },
    CompiledProfileCache,
    ProfileChangeSubscriber,
    ProfileChangePublisher,
  ],
  exports: [CompiledProfileCache, ProfileChangePublisher],
})
export class ProfilesModule {}
