export * from './infrastructure.module';
export * from './nest-log-levels';
export * from './run-worker-process';
export * from './close-on-signals';
