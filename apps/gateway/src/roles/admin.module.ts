import { Module } from '@nestjs/common';
import { ConsentModule } from '@optout/consent';
import { ProfilesModule } from '@optout/profiles';
import { AccountsController } from '../accounts/accounts.controller';
import { AccountsService } from '../accounts/accounts.service';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { BLOCKLIST_CONTROLLERS, BLOCKLIST_PROVIDERS } from '../blocklist-api/blocklist-api.providers';
import { ComplianceController } from '../compliance/compliance.controller';
import { ConsoleModule } from '../console/console.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { ComplianceService } from '../compliance/compliance.service';
import { ReplyTransportController } from '../reply-transport/reply-transport.controller';
import { ReplyTransportService } from '../reply-transport/reply-transport.service';
import { WebhooksController } from '../webhooks/webhooks.controller';
import { WebhooksService } from '../webhooks/webhooks.service';

/**
 * GATEWAY_ROLES `admin`: the account API a business (and its CRM) manages itself with —
 * accounts, compliance profiles, the block list with import and export, webhooks, reply
 * transports, API keys, the console. Account-management features add their module to `imports`.
 */
@Module({
  imports: [ConsentModule, ProfilesModule, ApiKeysModule, ConsoleModule, ReviewsModule],
  controllers: [AccountsController, ComplianceController, WebhooksController, ReplyTransportController, ...BLOCKLIST_CONTROLLERS],
  providers: [AccountsService, ComplianceService, WebhooksService, ReplyTransportService, ...BLOCKLIST_PROVIDERS],
})
export class AdminModule {}
