import { Module } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApiKeyGuard } from '../auth/auth.guards';
import { EventOutcomesController } from './event-outcomes.controller';
import { ProfileVersionsController } from './profile-versions.controller';
import { SignedInAccountController } from './signed-in-account.controller';

/**
 * The compliance console's API (docs/console.md): the few endpoints its pages need that the
 * API did not have (the signed-in account, profile versions, what became of ledger events).
 * They are public API like the rest, for any client.
 * The page itself is served by consoleStaticPlugin (console-static.plugin.ts).
 */
@Module({
  // The one key resolver of the process (its cache forgets a revoked key at once), not a copy.
  imports: [ApiKeysModule],
  controllers: [SignedInAccountController, ProfileVersionsController, EventOutcomesController],
  providers: [AccountsService, ApiKeyGuard],
})
export class ConsoleModule {}
