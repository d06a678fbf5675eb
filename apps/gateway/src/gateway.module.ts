import { forwardRef, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConsentModule } from '@optout/consent';
import { ProfilesModule } from '@optout/profiles';
import { ContentTypeGuard } from './http/content-type.guard';
import { AccountsController } from './accounts/accounts.controller';
import { CarriersModule } from './carriers/carriers.module';
import { AccountsService } from './accounts/accounts.service';
import { AdminGuard, ApiKeyGuard } from './auth/auth.guards';
import { BLOCKLIST_CONTROLLERS, BLOCKLIST_PROVIDERS } from './blocklist/blocklist-api.providers';
import { ComplianceController } from './compliance/compliance.controller';
import { ComplianceService } from './compliance/compliance.service';
import { GateController } from './gate/gate.controller';
import { InboundController } from './inbound/inbound.controller';
import { InboundBackpressure } from './inbound/inbound-backpressure.service';
import { InboundBatcher } from './inbound/inbound-batcher.service';
import { InboundService } from './inbound/inbound.service';
import { OpsModule } from './ops/ops.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ConsoleModule } from './console/console.module';
import { AccountDirectory } from './accounts/account-directory.service';
import { ReplyTransportController } from './reply-transport/reply-transport.controller';
import { ReplyTransportService } from './reply-transport/reply-transport.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/** The HTTP edge: carrier ingestion, the send gate and the account API. No queue or SQL code of its own. */
@Module({
  imports: [ProfilesModule, ConsentModule, OpsModule, ApiKeysModule, ConsoleModule, forwardRef(() => CarriersModule)],
  controllers: [ComplianceController, AccountsController, InboundController, GateController, WebhooksController, ReplyTransportController, ...BLOCKLIST_CONTROLLERS],
  // Ingestion is shared with the carriers' webhooks, which must take the same path as /v1/inbound.
  exports: [InboundService, AccountDirectory],
  providers: [{ provide: APP_GUARD, useClass: ContentTypeGuard }, AccountsService, AccountDirectory, ComplianceService, InboundService, InboundBatcher, InboundBackpressure, WebhooksService, ReplyTransportService, AdminGuard, ApiKeyGuard, ...BLOCKLIST_PROVIDERS],
})
export class GatewayModule {}
