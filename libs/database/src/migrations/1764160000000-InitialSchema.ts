import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764160000000 implements MigrationInterface {
  name = 'InitialSchema1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        default_country text NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL CONSTRAINT fk_api_keys_account REFERENCES accounts (id) ON DELETE CASCADE,
        key_hash text NOT NULL CONSTRAINT uq_api_keys_key_hash UNIQUE,
        key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_api_keys_account ON api_keys (account_id)`);
    await queryRunner.query(`
      CREATE TABLE compliance_profiles (
        account_id uuid NOT NULL CONSTRAINT fk_compliance_profiles_account REFERENCES accounts (id) ON DELETE CASCADE,
        version integer NOT NULL,
        document jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_compliance_profiles PRIMARY KEY (account_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE consent_events (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL CONSTRAINT fk_consent_events_account REFERENCES accounts (id) ON DELETE CASCADE,
        source_message_id text NOT NULL,
        phone text NOT NULL,
        sender text NOT NULL,
        kind text NOT NULL CONSTRAINT ck_consent_events_kind CHECK (kind IN ('optOut', 'optIn', 'help')),
        keyword text NOT NULL,
        scope jsonb NULL,
        language text NULL,
        country text NULL,
        profile_version integer NOT NULL,
        source text NOT NULL CONSTRAINT ck_consent_events_source CHECK (source IN ('sms', 'api', 'import')),
        received_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        follow_ups_done_at timestamptz NULL,
        correlation_id text NULL,
        CONSTRAINT uq_consent_events_message UNIQUE (account_id, source_message_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_consent_events_phone ON consent_events (account_id, phone, received_at)`);
    await queryRunner.query(`
      CREATE TABLE consent_states (
        account_id uuid NOT NULL CONSTRAINT fk_consent_states_account REFERENCES accounts (id) ON DELETE CASCADE,
        phone text NOT NULL,
        status text NOT NULL CONSTRAINT ck_consent_states_status CHECK (status IN ('opted_out', 'opted_in')),
        since timestamptz NOT NULL,
        source_message_id text NOT NULL,
        keyword text NOT NULL,
        event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_consent_states PRIMARY KEY (account_id, phone)
      )`);
    await queryRunner.query(`CREATE INDEX ix_consent_states_blocklist ON consent_states (account_id, phone) WHERE status = 'opted_out'`);
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL CONSTRAINT fk_webhook_endpoints_account REFERENCES accounts (id) ON DELETE CASCADE,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_webhook_endpoints_account ON webhook_endpoints (account_id)`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        endpoint_id uuid NOT NULL CONSTRAINT fk_webhook_deliveries_endpoint REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        payload text NOT NULL,
        status text NOT NULL CONSTRAINT ck_webhook_deliveries_status CHECK (status IN ('pending', 'succeeded', 'failed', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer NULL,
        last_error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_webhook_deliveries_event_endpoint UNIQUE (event_id, endpoint_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE reply_transports (
        account_id uuid PRIMARY KEY CONSTRAINT fk_reply_transports_account REFERENCES accounts (id) ON DELETE CASCADE,
        config jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'reply_transports',
      'webhook_deliveries',
      'webhook_endpoints',
      'consent_states',
      'consent_events',
      'compliance_profiles',
      'api_keys',
      'accounts',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
