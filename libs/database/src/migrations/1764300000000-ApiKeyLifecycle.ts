import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys can be created, listed and revoked by their account (docs/security.md):
 * `last_used_at` tells an operator which key is still in use before revoking one, and the
 * partial index serves "the account's active keys", which every creation and revocation counts.
 */
export class ApiKeyLifecycle1764300000000 implements MigrationInterface {
  name = 'ApiKeyLifecycle1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz NULL`);
    await queryRunner.query(`CREATE INDEX api_keys_active_by_account ON api_keys (account_id, created_at) WHERE revoked_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX api_keys_active_by_account`);
    await queryRunner.query(`ALTER TABLE api_keys DROP COLUMN last_used_at`);
  }
}
