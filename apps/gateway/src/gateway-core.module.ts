import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountDirectory } from './accounts/account-directory.service';
import { ApiKeyRevocationChannel } from './api-keys/api-key-revocation.channel';
import { ApiKeyUsageRecorder } from './api-keys/api-key-usage.recorder';
import { ApiKeyResolver } from './auth/api-key-resolver.service';
import { AdminGuard, ApiKeyGuard } from './auth/auth.guards';
import { HealthController } from './health/health.controller';
import { ContentTypeGuard } from './http/content-type.guard';

/**
 * What every gateway stands on, whatever its roles: who a key or the admin token is (with the
 * revocations told to every replica, and when each key was last used), the account directory
 * (read-through cached), the media-type guard, and the health probes that load balancers call
 * on every process. Global, so that a role's feature modules inject these without importing it.
 */
@Global()
@Module({
  controllers: [HealthController],
  providers: [{ provide: APP_GUARD, useClass: ContentTypeGuard }, AccountDirectory, ApiKeyResolver, ApiKeyUsageRecorder, ApiKeyRevocationChannel, AdminGuard, ApiKeyGuard],
  exports: [AccountDirectory, ApiKeyResolver, ApiKeyUsageRecorder, ApiKeyRevocationChannel, AdminGuard, ApiKeyGuard],
})
export class GatewayCoreModule {}
