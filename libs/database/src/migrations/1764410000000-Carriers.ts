import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carriers (docs/carriers.md; the ledger source `carrier` and `carrier_code` came with DecisionProvenance):
 * - `telnyx_credentials`: an account's Telnyx API key (replies), public key (webhook
 *   signatures), messaging profile and API base URL, kept like Twilio's in one place per account;
 * - `twilio_credentials.messaging_service_sid`: replies sent through a Messaging Service;
 * - `delivery_attempts.carrier_error`: Twilio's or Telnyx's error (code, message, more_info) on a refused send.
 */
export class Carriers1764410000000 implements MigrationInterface {
  name = 'Carriers1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE telnyx_credentials (
        account_id uuid PRIMARY KEY CONSTRAINT fk_telnyx_credentials_account REFERENCES accounts (id) ON DELETE CASCADE,
        api_key text NOT NULL,
        public_key text NOT NULL,
        messaging_profile_id text NULL,
        base_url text NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`ALTER TABLE twilio_credentials ADD COLUMN messaging_service_sid text NULL`);
    await queryRunner.query(`ALTER TABLE delivery_attempts ADD COLUMN carrier_error jsonb NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE delivery_attempts DROP COLUMN carrier_error`);
    await queryRunner.query(`ALTER TABLE twilio_credentials DROP COLUMN messaging_service_sid`);
    await queryRunner.query(`DROP TABLE telnyx_credentials`);
  }
}
