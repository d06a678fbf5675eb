import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { GateAnswer, GateUnavailableError, SendGateService } from '@optout/gate';
import { normalisePhone } from '@optout/phone';
import { AccountDirectory } from '../accounts/account-directory.service';
import { ApiKeyGuard } from '../auth/auth.guards';
import { ApiException } from '../http/api.exception';

@Controller('v1/gate/:accountId')
@UseGuards(ApiKeyGuard)
export class GateController {
  constructor(
    private readonly gate: SendGateService,
    private readonly accounts: AccountDirectory,
  ) {}

  /** "May this account text this number now?" Fails closed: 503, never a guessed `allowed: true`. */
  @Get(':phone')
  async check(@Param('accountId') accountId: string, @Param('phone') rawPhone: string): Promise<GateAnswer> {
    const phone = normalisePhone(rawPhone, rawPhone.trim().startsWith('+') ? null : await this.defaultCountryOf(accountId));
    if (!phone.ok) throw ApiException.validation([{ field: 'phone', rule: 'phone_number', message: `phone ${phone.reason}` }]);
    try {
      return await this.gate.check(accountId, phone.e164);
    } catch (error) {
      if (error instanceof GateUnavailableError) {
        throw new ApiException(503, 'gate_unavailable', `${error.message}. Do not send; retry shortly.`, [], { 'retry-after': '1' });
      }
      throw error;
    }
  }

  private async defaultCountryOf(accountId: string): Promise<string | null> {
    try {
      return (await this.accounts.find(accountId))?.defaultCountry ?? null;
    } catch {
      return null;
    }
  }
}
