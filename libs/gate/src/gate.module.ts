import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { GateCache } from './gate-cache.service';
import { SendGateService } from './send-gate.service';
import { GATE_REDIS } from './gate.tokens';

@Global()
@Module({
  providers: [
    {
      provide: GATE_REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // Fail fast: a gate read that waits for a reconnect holds up every sender.
        const redis = new IORedis(config.redisUrl, {
          connectionName: 'optout-gate',
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          commandTimeout: 1_000,
          // Lookups from concurrent requests go out as one write: under load the gateway's
          // CPU went mostly to one write(2) per command (docs/performance.md, profile).
          enableAutoPipelining: true,
        });
        redis.on('error', () => undefined); // each failed command reports its own error
        return redis;
      },
    },
    GateCache,
    SendGateService,
  ],
  exports: [GateCache, SendGateService],
})
export class GateModule implements OnApplicationShutdown {
  constructor(@Inject(GATE_REDIS) private readonly redis: IORedis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
