import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { UnavailableError } from '@optout/contracts';
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

  /**
   * Asked only for a number in national format. When the account cannot be read (and is not in
   * the directory's cache), the error stands — 503 `database_unavailable` — rather than reading
   * the number without its country and answering a misleading 400.
   */
  private async defaultCountryOf(accountId: string): Promise<string | null> {
    return (await this.accounts.find(accountId))?.defaultCountry ?? null;
  }
}

async function failClosed<T>(answer: () => Promise<T>): Promise<T> {
  try {
    return await answer();
  } catch (error) {
    if (error instanceof GateUnavailableError) throw new UnavailableError('gate_unavailable', `${error.message}. Do not send; retry shortly.`, 1, { cause: error });
    throw error;
  }
}
