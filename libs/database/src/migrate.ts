import { DataSource, MigrationExecutor } from 'typeorm';

/** Any constant: every replica of every app takes the same lock before migrating. */
const MIGRATION_LOCK_KEY = 74_042_026;

/**
 * Runs pending migrations exactly once however many processes start together: each takes a
 * Postgres advisory lock on one connection and migrates on that same connection (so it also
 * works with a pool of one, as under PGlite); the others wait, then find nothing pending.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'all';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
  }
}

/** True when every known migration has been applied: part of readiness. */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
