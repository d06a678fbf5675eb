import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { QueueName, UnavailableError } from '@optout/contracts';
import { JobProducer } from '@optout/queue';

/** How often the backlog is read: a request never waits on it; the bound may be overshot by what arrives in this time. */
const SAMPLE_EVERY_MS = 250;

/**
 * Refuses new inbound messages (503 + Retry-After) while the inbound backlog is past its
 * bound, so a stalled classifier cannot make Redis grow until it runs out of memory and
 * starts refusing writes for everything. Carriers retry a 503 later; nothing is lost.
 */
@Injectable()
export class InboundBackpressure implements OnApplicationShutdown {
  private readonly logger = new Logger(InboundBackpressure.name);
  private backlog = 0;
  private sampler: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly producer: JobProducer,
  ) {}

  /** Throws "unavailable" (`backlog_full`, retry in 5 s) when the backlog is over its bound. */
  assertCapacity(): void {
    this.sampler ??= this.startSampling();
    if (this.backlog > this.config.inboundMaxBacklogJobs) {
      throw new UnavailableError('backlog_full', `The inbound backlog (${this.backlog} jobs) is over its bound (${this.config.inboundMaxBacklogJobs}); retry later`, 5);
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
