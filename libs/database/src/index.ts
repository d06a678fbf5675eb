export * from './entities';
export * from './repositories';
export * from './database.module';
export * from './database.tokens';
export * from './data-source.factory';
export * from './migrate';
export * from './database-unavailable.util';
