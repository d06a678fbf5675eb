import { Module } from '@nestjs/common';
import { ApiKeyResolver } from '../auth/api-key-resolver.service';
import { ApiKeyRevocationChannel } from './api-key-revocation.channel';
import { ApiKeyUsageRecorder } from './api-key-usage.recorder';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

/**
 * API keys: who a bearer key is (the resolver every ApiKeyGuard asks), when it was last used,
 * and an account's own create / list / revoke routes with the revocation told to every replica.
 */
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeyResolver, ApiKeyUsageRecorder, ApiKeyRevocationChannel, ApiKeysService],
  exports: [ApiKeyResolver, ApiKeyUsageRecorder],
})
export class ApiKeysModule {}
