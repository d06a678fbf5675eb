export * from './metrics/metrics.registry';
export * from './metrics/pipeline.metrics';
export * from './metrics/queue-depth.metrics';
export * from './metrics/review-queue.metrics';
export * from './logging/log-context';
export * from './logging/correlation.util';
export * from './logging/pino-logger.service';
