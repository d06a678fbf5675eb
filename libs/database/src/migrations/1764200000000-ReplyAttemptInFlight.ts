import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A confirmation's attempt is written down before its request leaves, and Twilio's id for
 * the message after it was taken.
 *
 * `attempt_started_at` is set just before the request to the reply transport and cleared
 * with the attempt's outcome. A dispatcher killed in between leaves it set: the retry then
 * knows the text may already have gone out, and asks Twilio before sending it again
 * (apps/dispatcher/src/interrupted-reply.util.ts). `provider_message_id` is the Twilio
 * message SID, the proof that a confirmation was handed to the carrier.
 */
export class ReplyAttemptInFlight1764200000000 implements MigrationInterface {
  name = 'ReplyAttemptInFlight1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reply_deliveries ADD COLUMN attempt_started_at timestamptz NULL, ADD COLUMN provider_message_id text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reply_deliveries DROP COLUMN provider_message_id, DROP COLUMN attempt_started_at`);
  }
}
