import { Module } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
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
  // The key guard and the one key resolver of the process (its cache forgets a revoked key at
  // once) come from the gateway's core (gateway-core.module.ts, global), not a copy.
  controllers: [SignedInAccountController, ProfileVersionsController, EventOutcomesController],
  providers: [AccountsService],
})
export class ConsoleModule {}
