import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocation by reasonable means (docs/compliance.md, "Revocation modes"): an opt-out by
 * phrase has no keyword (the ledger's `match`, `rule` and the `review` source came with
 * DecisionProvenance), and the texts a person should look at wait in `revocation_reviews`
 * until someone decides.
 */
export class RevocationReviews1764400000000 implements MigrationInterface {
  name = 'RevocationReviews1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_events ALTER COLUMN keyword DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE consent_states ALTER COLUMN keyword DROP NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE revocation_reviews (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL CONSTRAINT fk_revocation_reviews_account REFERENCES accounts (id) ON DELETE CASCADE,
        source_message_id text NOT NULL,
        phone text NOT NULL,
        sender text NOT NULL,
        body text NOT NULL,
        rule text NOT NULL,
        language text NULL,
        country text NULL,
        profile_version integer NULL,
        received_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CONSTRAINT ck_revocation_reviews_status CHECK (status IN ('pending', 'decided')),
        decision text NULL CONSTRAINT ck_revocation_reviews_decision CHECK (decision IN ('optOut', 'dismiss')),
        decided_at timestamptz NULL,
        decided_by_api_key_id uuid NULL,
        consent_event_id uuid NULL,
        correlation_id text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_revocation_reviews_message UNIQUE (account_id, source_message_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_revocation_reviews_queue ON revocation_reviews (account_id, status, received_at, id)`);
    await queryRunner.query(`CREATE INDEX ix_revocation_reviews_pending ON revocation_reviews (received_at) WHERE status = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE revocation_reviews`);
    await queryRunner.query(`UPDATE consent_events SET keyword = '' WHERE keyword IS NULL`);
    await queryRunner.query(`UPDATE consent_states SET keyword = '' WHERE keyword IS NULL`);
    await queryRunner.query(`ALTER TABLE consent_states ALTER COLUMN keyword SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE consent_events ALTER COLUMN keyword SET NOT NULL`);
  }
}
