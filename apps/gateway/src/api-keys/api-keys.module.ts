import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

/**
 * An account's own create / list / revoke routes for its API keys (role `admin`). Who a key is,
 * when it was last used and the revocation channel every replica listens on are in the
 * gateway's core (gateway-core.module.ts): every role authenticates keys.
 */
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysService],
})
export class ApiKeysModule {}
