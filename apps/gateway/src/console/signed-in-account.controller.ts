import { Controller, Get, UseGuards } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { ApiKeyGuard } from '../auth/auth.guards';
import { AuthenticatedAccount } from '../auth/authenticated-account.decorator';

/**
 * `GET /v1/accounts/me`: the account the bearer key belongs to. A client that holds only a
 * key (the console after sign-in, a CRM's settings page) learns its account id and name here.
 */
@Controller('v1/accounts/me')
@UseGuards(ApiKeyGuard)
export class SignedInAccountController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  me(@AuthenticatedAccount() accountId: string) {
    return this.accounts.get(accountId);
  }
}
