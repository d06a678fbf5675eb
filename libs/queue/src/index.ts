export * from './job-ids.util';
export * from './job-producer.service';
export * from './queue-job-options';
export * from './queue-worker.runner';
export * from './queue.module';
export * from './queue.tokens';
export * from './redis-connection.factory';
export * from './retry-schedule.util';
