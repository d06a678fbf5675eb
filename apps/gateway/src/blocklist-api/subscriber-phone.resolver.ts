import { Injectable } from '@nestjs/common';
import { normalisePhone } from '@optout/phone';
import { AccountDirectory } from '../accounts/account-directory.service';
import { ApiException } from '../http/api.exception';

/** A subscriber number from a route parameter, in E.164: national formats read with the account's default country. */
@Injectable()
export class SubscriberPhoneResolver {
  constructor(private readonly accounts: AccountDirectory) {}

  async resolve(accountId: string, raw: string): Promise<string> {
    const parsed = normalisePhone(raw, raw.trim().startsWith('+') ? null : await this.defaultCountryOf(accountId));
    if (!parsed.ok) throw ApiException.validation([{ field: 'phone', rule: 'phone_number', message: `phone ${parsed.reason}` }]);
    return parsed.e164;
  }

  async defaultCountryOf(accountId: string): Promise<string | null> {
    return (await this.accounts.find(accountId))?.defaultCountry ?? null;
  }
}
