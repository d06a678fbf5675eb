import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ComplianceProfileEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';

@Injectable()
export class ComplianceProfileRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The newest saved version, or null for an account still on the defaults (version 0). */
  findLatest(accountId: string): Promise<ComplianceProfileEntity | null> {
    return this.dataSource
      .getRepository(ComplianceProfileEntity)
      .findOne({ where: { accountId }, order: { version: 'DESC' } });
  }

  findVersion(accountId: string, version: number): Promise<ComplianceProfileEntity | null> {
    return this.dataSource.getRepository(ComplianceProfileEntity).findOneBy({ accountId, version });
  }

  /** Saves the next version, with the key that saved it; the primary key serialises two concurrent saves (one retries). */
  async saveNextVersion(accountId: string, document: unknown, apiKeyId: string | null = null): Promise<ComplianceProfileEntity> {
    const rows: Array<{ version: number }> = await this.dataSource.query(
      `INSERT INTO compliance_profiles (account_id, version, document, api_key_id)
       SELECT $1, COALESCE(MAX(version), 0) + 1, $2::jsonb, $3 FROM compliance_profiles WHERE account_id = $1
       RETURNING version`,
      [accountId, JSON.stringify(document), apiKeyId],
    );
    return this.dataSource.getRepository(ComplianceProfileEntity).findOneByOrFail({ accountId, version: rows[0].version });
  }
}
