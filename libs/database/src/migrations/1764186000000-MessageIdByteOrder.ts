import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Message ids compare in byte order, whatever the database's default collation.
 *
 * Last writer wins by (receivedAt, message id): Postgres decides it in the consent-state
 * upsert, the Redis gate cache decides it again in its write-if-newer script, in byte order.
 * Under a collation such as en_US.utf8 (the default of the postgres images) the two disagree
 * on ties — "b" < "C" in Postgres, "C" < "b" in Redis — and the gate could answer "allowed"
 * for a number Postgres holds opted out (test/e2e/reliability-ordering.e2e-spec.ts).
 * Equality is unchanged (both collations are deterministic), so the ledger's unique key keeps
 * its meaning; the two columns' indexes are rebuilt.
 */
export class MessageIdByteOrder1764186000000 implements MigrationInterface {
  name = 'MessageIdByteOrder1764186000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_states ALTER COLUMN source_message_id TYPE text COLLATE "C"`);
    await queryRunner.query(`ALTER TABLE consent_events ALTER COLUMN source_message_id TYPE text COLLATE "C"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consent_events ALTER COLUMN source_message_id TYPE text COLLATE "default"`);
    await queryRunner.query(`ALTER TABLE consent_states ALTER COLUMN source_message_id TYPE text COLLATE "default"`);
  }
}
