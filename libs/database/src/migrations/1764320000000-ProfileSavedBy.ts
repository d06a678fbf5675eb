import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which API key saved each compliance profile version ("who changed the STOP reply?"). Null for
 * versions saved before this column existed. No foreign key: a version outlives the key that
 * saved it (keys are revoked, never deleted, but the history must not depend on that).
 */
export class ProfileSavedBy1764320000000 implements MigrationInterface {
  name = 'ProfileSavedBy1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE compliance_profiles ADD COLUMN api_key_id uuid NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE compliance_profiles DROP COLUMN api_key_id`);
  }
}
