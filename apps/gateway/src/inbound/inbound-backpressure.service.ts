import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { QueueName, UnavailableError } from '@optout/contracts';
import type IORedis from 'ioredis';
import { JobProducer, PRODUCER_REDIS } from '@optout/queue';
import { ApiException } from '../http/api.exception';
import { memoryFill, parseRedisMemory } from '../limits/redis-memory.util';

/** How often the backlog is read: a request never waits on it; the bound may be overshot by what arrives in this time. */
const SAMPLE_EVERY_MS = 250;

/**
 * Refuses new inbound messages (503 + Retry-After) while the inbound backlog is past its
 * bound, or while Redis's memory is above REDIS_MEMORY_HIGH_WATER_PERCENT of its maxmemory
 * (`INFO memory`, sampled with the backlog), so that neither a stalled classifier nor anything
 * else can make Redis grow until it refuses writes for everything (with `noeviction` a full
 * Redis answers errors to every tenant, and a STOP from a carrier that does not retry is lost).
 * Carriers retry a 503 later; nothing is lost. A Redis without maxmemory has no such bound.
 */
@Injectable()
export class InboundBackpressure implements OnApplicationShutdown {
  private readonly logger = new Logger(InboundBackpressure.name);
  private backlog = 0;
  /** used_memory / maxmemory at the last sample; null when Redis has no maxmemory or it could not be read. */
  private memory: number | null = null;
  private sampler: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly producer: JobProducer,
    @Inject(PRODUCER_REDIS) private readonly redis: IORedis,
  ) {}

  /** Throws "unavailable" (`backlog_full`, retry in 5 s) when the backlog is over its bound. */
  assertCapacity(): void {
    this.sampler ??= this.startSampling();
    if (this.backlog > this.config.inboundMaxBacklogJobs) {
      throw new UnavailableError('backlog_full', `The inbound backlog (${this.backlog} jobs) is over its bound (${this.config.inboundMaxBacklogJobs}); retry later`, 5);
    }
    const highWater = this.config.redisMemoryHighWaterPercent;
    if (highWater > 0 && this.memory !== null && this.memory * 100 >= highWater) {
      throw new ApiException(
        503,
        'redis_memory_high',
        `Redis is ${Math.round(this.memory * 100)} % full, over REDIS_MEMORY_HIGH_WATER_PERCENT (${highWater} %): not accepted, so that Redis never fills up; retry later`,
        [],
        { 'retry-after': '5' },
      );
    }
  }

  private startSampling(): NodeJS.Timeout {
    const sample = async () => {
      try {
        const counts = await this.producer.queue(QueueName.Inbound).getJobCounts('waiting', 'prioritized');
        this.backlog = Object.values(counts).reduce((sum, n) => sum + n, 0);
      } catch (error) {
        this.logger.warn(`could not read the inbound backlog: ${(error as Error).message}`);
      }
      if (this.config.redisMemoryHighWaterPercent > 0) {
        try {
          const memory = parseRedisMemory(await this.redis.info('memory'));
          this.memory = memory ? memoryFill(memory) : null;
        } catch (error) {
          this.logger.warn(`could not read Redis memory: ${(error as Error).message}`);
        }
      }
    };
    void sample();
    const timer = setInterval(() => void sample(), SAMPLE_EVERY_MS);
    timer.unref();
    return timer;
  }

  onApplicationShutdown(): void {
    if (this.sampler) clearInterval(this.sampler);
  }
}
