import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ApiKeyEntity, ComplianceProfileEntity, DATA_SOURCE } from '@optout/database';
import { ApiKeyGuard } from '../auth/auth.guards';
import { AuthenticatedAccount } from '../auth/authenticated-account.decorator';

/** At most this many versions are listed, newest first; older ones stay readable with `?version=N`. */
export const PROFILE_VERSIONS_LISTED = 200;

/**
 * `GET /v1/accounts/:accountId/compliance/versions`: every saved version of the profile, when
 * and by which API key it was saved (its id and the prefix the account sees in its key list),
 * newest first, so that a console can offer "restore version N" (a restore
 * is a GET of that version and a PUT of it: a new version, the history is never rewritten).
 */
@Controller('v1/accounts/:accountId/compliance/versions')
@UseGuards(ApiKeyGuard)
export class ProfileVersionsController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get()
  async list(@AuthenticatedAccount() accountId: string) {
    const rows = await this.dataSource.getRepository(ComplianceProfileEntity).find({
      select: { version: true, createdAt: true, apiKeyId: true },
      where: { accountId },
      order: { version: 'DESC' },
      take: PROFILE_VERSIONS_LISTED,
    });
    const keyIds = [...new Set(rows.map((row) => row.apiKeyId).filter((id): id is string => id !== null))];
    const keys = keyIds.length ? await this.dataSource.getRepository(ApiKeyEntity).find({ select: { id: true, keyPrefix: true }, where: { accountId, id: In(keyIds) } }) : [];
    const prefixOf = new Map(keys.map((key) => [key.id, key.keyPrefix]));
    return {
      items: rows.map((row) => ({
        version: row.version,
        savedAt: row.createdAt.toISOString(),
        /** Null for versions saved before the key was recorded. */
        savedBy: row.apiKeyId ? { apiKeyId: row.apiKeyId, keyPrefix: prefixOf.get(row.apiKeyId) ?? null } : null,
      })),
    };
  }
}
