export * from './gate-entry';
export * from './gate-cache.service';
export * from './gate-keys';
export * from './gate.module';
export * from './send-gate.service';
