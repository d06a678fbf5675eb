import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a consent decision came from, beyond a keyword text: the ledger accepts the sources
 * `carrier` (an opt-out the carrier reported) and `review` (a person's decision on a message
 * held for review), and records how a text matched (`match`: `keyword`, `phrase` …), the rule
 * that fired and the carrier's own code. All nullable: older rows and manual changes have none.
 */
export class DecisionProvenance1764310000000 implements MigrationInterface {
  name = 'DecisionProvenance1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_events DROP CONSTRAINT ck_consent_events_source`);
    await queryRunner.query(
      `ALTER TABLE consent_events ADD CONSTRAINT ck_consent_events_source CHECK (source IN ('sms', 'api', 'import', 'carrier', 'review'))`,
    );
    await queryRunner.query(`ALTER TABLE consent_events ADD COLUMN match text NULL, ADD COLUMN rule text NULL, ADD COLUMN carrier_code text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_events DROP COLUMN carrier_code, DROP COLUMN rule, DROP COLUMN match`);
    await queryRunner.query(`ALTER TABLE consent_events DROP CONSTRAINT ck_consent_events_source`);
    await queryRunner.query(`ALTER TABLE consent_events ADD CONSTRAINT ck_consent_events_source CHECK (source IN ('sms', 'api', 'import'))`);
  }
}
