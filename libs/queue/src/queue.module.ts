import { Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { JobProducer } from './job-producer.service';
import { QueueWorkerRunner } from './queue-worker.runner';
import { createRedisClient, RedisClient, waitUntilReady } from './redis-connection.factory';
import { PRODUCER_REDIS } from './queue.tokens';

@Global()
@Module({
  providers: [
    {
      provide: PRODUCER_REDIS,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const connection = createRedisClient(config, 'producer', 'optout-producer');
        connection.on('error', () => undefined); // each failed command reports its own error
        // Start-up waits for Redis (say, while compose starts it) but says what it waits for.
        await waitUntilReady(connection, config).catch((error: Error) => {
          connection.disconnect();
          throw error;
        });
        return connection;
      },
    },
    JobProducer,
    QueueWorkerRunner,
  ],
  exports: [PRODUCER_REDIS, JobProducer, QueueWorkerRunner],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(PRODUCER_REDIS) private readonly connection: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    this.connection.disconnect();
  }
}
