import { loadConfig } from '@optout/config';
import { createDataSource } from '../data-source.factory';
import { runMigrations } from '../migrate';

/** `npm run migrate`: applies pending migrations and exits (the apps also do this at start-up). */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await createDataSource({ url: config.databaseUrl, poolSize: 1 }).initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
