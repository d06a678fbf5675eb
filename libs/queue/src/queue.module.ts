import { Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { JobProducer } from './job-producer.service';
import { QueueWorkerRunner } from './queue-worker.runner';
import { createProducerConnection } from './redis-connection.factory';
import { PRODUCER_REDIS } from './queue.tokens';

@Global()
@Module({
  providers: [
    {
      provide: PRODUCER_REDIS,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const connection = createProducerConnection(config.redisUrl, 'optout-producer');
        connection.on('error', () => undefined); // each failed command reports its own error
        await waitUntilReady(connection, config.redisUrl);
        return connection;
      },
    },
    JobProducer,
    QueueWorkerRunner,
  ],
  exports: [PRODUCER_REDIS, JobProducer, QueueWorkerRunner],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(PRODUCER_REDIS) private readonly connection: IORedis) {}

  async onApplicationShutdown(): Promise<void> {
    this.connection.disconnect();
  }
}

/** Start-up waits for Redis (say, while compose starts it) but says what it waits for. */
async function waitUntilReady(connection: IORedis, redisUrl: string, timeoutMs = 30_000): Promise<void> {
  if (connection.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.disconnect();
      reject(new Error(`Redis at ${redisUrl} did not answer within ${timeoutMs / 1000}s: start it or set REDIS_URL`));
    }, timeoutMs);
    connection.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
