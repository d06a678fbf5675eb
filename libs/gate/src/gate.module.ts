import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { createRedisClient, RedisClient } from '@optout/queue';
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
        // Fail fast (a gate read that waits for a reconnect holds up every sender), and
        // auto-pipelined: lookups from concurrent requests go out as one write, since under load
        // the gateway's CPU went mostly to one write(2) per command (docs/performance.md, profile).
        const redis = createRedisClient(config, 'gate', 'optout-gate');
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
  constructor(@Inject(GATE_REDIS) private readonly redis: RedisClient) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
