import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  poolSize: number;
}

/** Schema changes come from migrations only: `synchronize` stays off everywhere. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    extra: { max: options.poolSize, connectionTimeoutMillis: 5_000 },
  });
}
