import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Block-list management (issue 9): manual changes and imports recorded in the ledger with
 * the API key that made them, and erasure that keeps a number blocked without keeping it.
 */
export class BlocklistManagement1764180000000 implements MigrationInterface {
  name = 'BlocklistManagement1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Not a foreign key: the ledger is the legal record and outlives the key rows, and an
    // import of a million rows should not pay a key lookup per row.
    await queryRunner.query(`
      ALTER TABLE consent_events
        ADD COLUMN api_key_id uuid NULL,
        ADD COLUMN reason text NULL,
        ADD COLUMN erased_at timestamptz NULL,
        ALTER COLUMN profile_version DROP NOT NULL`);

    // What stays of an erased number: a keyed hash, so that the gate still finds it blocked.
    // (version_at, version_id) orders it against the number's later plain decisions exactly
    // as consent_states orders decisions (last writer wins); `since` is what the gate shows.
    await queryRunner.query(`
      CREATE TABLE consent_suppressions (
        account_id uuid NOT NULL CONSTRAINT fk_consent_suppressions_account REFERENCES accounts (id) ON DELETE CASCADE,
        phone_hash text NOT NULL,
        since timestamptz NOT NULL,
        keyword text NOT NULL,
        version_at timestamptz NOT NULL,
        version_id text NOT NULL,
        erased_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_consent_suppressions PRIMARY KEY (account_id, phone_hash)
      )`);

    // The key of that hash. One per installation, made here so that erasure works without
    // configuration; it must never change (the hashes already stored would stop matching).
    await queryRunner.query(`
      CREATE TABLE erasure_keys (
        id smallint PRIMARY KEY CONSTRAINT ck_erasure_keys_single CHECK (id = 1),
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('INSERT INTO erasure_keys (id, secret) VALUES (1, $1)', [randomBytes(32).toString('base64url')]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE erasure_keys');
    await queryRunner.query('DROP TABLE consent_suppressions');
    await queryRunner.query(`
      ALTER TABLE consent_events
        DROP COLUMN api_key_id,
        DROP COLUMN reason,
        DROP COLUMN erased_at`);
  }
}
