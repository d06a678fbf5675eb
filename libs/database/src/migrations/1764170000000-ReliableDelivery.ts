import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery a business can debug (issue 6): every attempt of a webhook or a reply recorded,
 * webhook secrets rotated with a grace period, replays counted, replies tracked like
 * webhooks, and an account's Twilio credentials kept in one place.
 */
export class ReliableDelivery1764170000000 implements MigrationInterface {
  name = 'ReliableDelivery1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The secret replaced by a rotation keeps signing (beside the new one) until it expires.
    await queryRunner.query(`
      ALTER TABLE webhook_endpoints
        ADD COLUMN previous_secret text NULL,
        ADD COLUMN previous_secret_expires_at timestamptz NULL,
        ADD COLUMN disabled_at timestamptz NULL,
        ADD CONSTRAINT ck_webhook_endpoints_previous_secret CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))`);
    // Each replay is a new round of the same delivery: its own BullMQ job, the same webhook-id.
    await queryRunner.query(`ALTER TABLE webhook_deliveries ADD COLUMN replays integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX ix_webhook_deliveries_account_status ON webhook_deliveries (account_id, status, created_at)`);

    await queryRunner.query(`
      CREATE TABLE reply_deliveries (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL CONSTRAINT fk_reply_deliveries_account REFERENCES accounts (id) ON DELETE CASCADE,
        event_id uuid NOT NULL CONSTRAINT uq_reply_deliveries_event UNIQUE,
        kind text NOT NULL CONSTRAINT ck_reply_deliveries_kind CHECK (kind IN ('optOut', 'optIn', 'help')),
        to_phone text NOT NULL,
        from_sender text NOT NULL,
        transport_type text NULL,
        status text NOT NULL CONSTRAINT ck_reply_deliveries_status CHECK (status IN ('pending', 'succeeded', 'failed', 'dead', 'suppressed')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer NULL,
        last_error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_reply_deliveries_account ON reply_deliveries (account_id, created_at)`);

    // One table for the attempts of both kinds of delivery: exactly one parent per row.
    await queryRunner.query(`
      CREATE TABLE delivery_attempts (
        id uuid PRIMARY KEY,
        webhook_delivery_id uuid NULL CONSTRAINT fk_delivery_attempts_webhook REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        reply_delivery_id uuid NULL CONSTRAINT fk_delivery_attempts_reply REFERENCES reply_deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        round integer NOT NULL DEFAULT 0,
        attempted_at timestamptz NOT NULL,
        status text NOT NULL CONSTRAINT ck_delivery_attempts_status CHECK (status IN ('succeeded', 'failed', 'dead')),
        response_code integer NULL,
        latency_ms integer NOT NULL,
        error text NULL,
        CONSTRAINT ck_delivery_attempts_one_parent CHECK (num_nonnulls(webhook_delivery_id, reply_delivery_id) = 1)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_delivery_attempts_webhook ON delivery_attempts (webhook_delivery_id, attempt) WHERE webhook_delivery_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX ix_delivery_attempts_reply ON delivery_attempts (reply_delivery_id, attempt) WHERE reply_delivery_id IS NOT NULL`);

    // The one place an account's Twilio credentials live: the reply transport sends with them,
    // the Twilio inbound webhook checks X-Twilio-Signature with the same auth token.
    await queryRunner.query(`
      CREATE TABLE twilio_credentials (
        account_id uuid PRIMARY KEY CONSTRAINT fk_twilio_credentials_account REFERENCES accounts (id) ON DELETE CASCADE,
        account_sid text NOT NULL,
        auth_token text NOT NULL,
        base_url text NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE twilio_credentials');
    await queryRunner.query('DROP TABLE delivery_attempts');
    await queryRunner.query('DROP TABLE reply_deliveries');
    await queryRunner.query('DROP INDEX ix_webhook_deliveries_account_status');
    await queryRunner.query('ALTER TABLE webhook_deliveries DROP COLUMN replays');
    await queryRunner.query(`
      ALTER TABLE webhook_endpoints
        DROP CONSTRAINT ck_webhook_endpoints_previous_secret,
        DROP COLUMN previous_secret,
        DROP COLUMN previous_secret_expires_at,
        DROP COLUMN disabled_at`);
  }
}
