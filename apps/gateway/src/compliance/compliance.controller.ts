import { Body, Controller, Get, HttpCode, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/auth.guards';
import { AuthenticatedAccount, AuthenticatedKey } from '../auth/authenticated-account.decorator';
import { ApiException } from '../http/api.exception';
import { ClassifyMessageDto } from './classify-message.dto';
import { ComplianceService } from './compliance.service';

@Controller('v1/accounts/:accountId/compliance')
@UseGuards(ApiKeyGuard)
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  /** The effective profile; `?version=N` an older saved one (0: the defaults). */
  @Get()
  get(@AuthenticatedAccount() accountId: string, @Query('version') version?: unknown) {
    return this.compliance.get(accountId, parseVersion(version));
  }

  /**
   * The whole profile. The body is checked by the compliance engine, not by a class-validator
   * DTO: its structural pass names every path (`overrides[2].optOut.keywords[4]`) and reports
   * together with the cross-field rules, in one 400.
   */
  @Put()
  @HttpCode(200)
  put(@AuthenticatedAccount() accountId: string, @AuthenticatedKey() apiKeyId: string, @Body() body: unknown) {
    return this.compliance.save(accountId, body, apiKeyId);
  }

  @Post('classify')
  @HttpCode(200)
  classify(@AuthenticatedAccount() accountId: string, @Body() dto: ClassifyMessageDto) {
    return this.compliance.classify(accountId, dto);
  }
}

function parseVersion(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && /^\d{1,9}$/.test(raw)) return Number(raw);
  throw ApiException.validation([
    { field: 'version', rule: 'version', message: 'version must be a whole number: 1 for the first saved profile, 0 for the defaults' },
  ]);
}
