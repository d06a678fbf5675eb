import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { GateAnswer, GateUnavailableError, SendGateService } from '@optout/gate';
import { toE164 } from '@optout/phone';
import { AccountDirectory } from '../accounts/account-directory.service';
import { ApiKeyGuard } from '../auth/auth.guards';
import { ApiErrorDetail, ApiException } from '../http/api.exception';
import { CheckedBody } from '../http/checked-body.pipe';
import { GateCheckBody, gateCheckProblems } from './gate-check.rules';

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
    const phone = toE164(rawPhone, rawPhone.trim().startsWith('+') ? null : await this.defaultCountryOf(accountId));
    if (!phone.ok) throw ApiException.validation([{ field: 'phone', rule: 'phone_number', message: `phone ${phone.reason}` }]);
    return failClosed(() => this.gate.check(accountId, phone.e164));
  }

  /**
   * Many numbers at once, answered in request order. One number that cannot be a phone
   * number refuses the whole request (400 naming each index): a partial answer is too easy
   * to misread as "the rest may be texted".
   */
  @Post('check')
  @HttpCode(200)
  async checkMany(@Param('accountId') accountId: string, @Body(new CheckedBody(gateCheckProblems)) dto: GateCheckBody): Promise<{ results: GateAnswer[] }> {
    const defaultCountry = dto.phones.some((raw) => !raw.trim().startsWith('+')) ? await this.defaultCountryOf(accountId) : null;
    const phones: string[] = [];
    const problems: ApiErrorDetail[] = [];
    dto.phones.forEach((raw, index) => {
      const phone = toE164(raw, defaultCountry);
      if (phone.ok) phones.push(phone.e164);
      else problems.push({ field: `phones[${index}]`, rule: 'phone_number', message: `phones[${index}] ${phone.reason}` });
    });
    if (problems.length > 0) throw ApiException.validation(problems);
    return { results: await failClosed(() => this.gate.checkMany(accountId, phones)) };
  }

  private async defaultCountryOf(accountId: string): Promise<string | null> {
    try {
      return (await this.accounts.find(accountId))?.defaultCountry ?? null;
    } catch {
      return null;
    }
  }
}

async function failClosed<T>(answer: () => Promise<T>): Promise<T> {
  try {
    return await answer();
  } catch (error) {
    if (error instanceof GateUnavailableError) {
      throw new ApiException(503, 'gate_unavailable', `${error.message}. Do not send; retry shortly.`, [], { 'retry-after': '1' });
    }
    throw error;
  }
}
