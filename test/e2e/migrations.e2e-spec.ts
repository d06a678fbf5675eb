import { createDataSource, runMigrations } from '@optout/database';
import { ALL_MIGRATIONS } from '../../libs/database/src/migrations';
import { createTestDatabase, queryDatabase } from '../support/test-database';

/** Every migration, in order: a new one is appended to ALL_MIGRATIONS. */
const ALL_NAMES = ALL_MIGRATIONS.map((migration) => new migration().name);

describe('migrations', () => {
  it('run exactly once when several processes start together on an empty database', async () => {
    const database = await createTestDatabase();
    const sources = await Promise.all([1, 2, 3].map(() => createDataSource({ url: database.url, poolSize: 2 }).initialize()));
    try {
      const applied = await Promise.all(sources.map((source) => runMigrations(source)));
      expect(applied.flat()).toEqual(ALL_NAMES);
      const rows = await queryDatabase<{ name: string }>(database.url, 'SELECT name FROM migrations');
      expect(rows.map((row) => row.name)).toEqual(ALL_NAMES);
      expect(await sources[0].showMigrations()).toBe(false);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
      await database.drop();
    }
  });

  it('work with a pool of one connection, as under the embedded Postgres', async () => {
    const database = await createTestDatabase();
    const source = await createDataSource({ url: database.url, poolSize: 1 }).initialize();
    try {
      await expect(runMigrations(source)).resolves.toEqual(ALL_NAMES);
      await expect(runMigrations(source)).resolves.toEqual([]);
    } finally {
      await source.destroy();
      await database.drop();
    }
  });
});
