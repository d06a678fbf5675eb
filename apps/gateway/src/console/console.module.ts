import { Module } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { ApiKeyResolver } from '../auth/api-key-resolver.service';
import { ApiKeyGuard } from '../auth/auth.guards';
import { ConsoleStaticServer } from './console-static.server';
import { EventOutcomesController } from './event-outcomes.controller';
import { ProfileVersionsController } from './profile-versions.controller';
import { SignedInAccountController } from './signed-in-account.controller';

/**
 * The compliance console (docs/console.md): its single-page app at /console and the few
 * API endpoints its pages need that the API did not have (the signed-in account, profile
 * versions, what became of ledger events). They are public API like the rest, for any client.
 */
@Module({
  controllers: [SignedInAccountController, ProfileVersionsController, EventOutcomesController],
  providers: [ConsoleStaticServer, AccountsService, ApiKeyResolver, ApiKeyGuard],
})
export class ConsoleModule {}
