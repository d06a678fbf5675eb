import { Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AuthenticatedAccount } from '../auth/authenticated-account.decorator';
import { ApiKeyGuard } from '../auth/auth.guards';
import { ApiException } from '../http/api.exception';
import { ApiKeysService } from './api-keys.service';
import { isUuid } from '@optout/contracts';


/**
 * Rotation without downtime: create a second key, move the integration to it, revoke the
 * first. Any active key of the account manages its keys (docs/security.md).
 */
@Controller('v1/accounts/:accountId/api-keys')
@UseGuards(ApiKeyGuard)
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @HttpCode(201)
  create(@AuthenticatedAccount() accountId: string) {
    return this.keys.create(accountId);
  }

  @Get()
  list(@AuthenticatedAccount() accountId: string) {
    return this.keys.list(accountId);
  }

  @Delete(':keyId')
  @HttpCode(204)
  async revoke(@AuthenticatedAccount() accountId: string, @Param('keyId') keyId: string): Promise<void> {
    if (!isUuid(keyId)) throw ApiException.notFound(`API key ${keyId}`);
    await this.keys.revoke(accountId, keyId.toLowerCase());
  }
}
