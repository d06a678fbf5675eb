import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/auth.guards';
import { ConsentRecordService } from './consent-record.service';

@Controller('v1/accounts/:accountId/consent')
@UseGuards(ApiKeyGuard)
export class ConsentController {
  constructor(private readonly consent: ConsentRecordService) {}

  /** The number's current state and its whole ledger history. */
  @Get(':phone')
  record(@Param('accountId') accountId: string, @Param('phone') phone: string) {
    return this.consent.record(accountId, phone);
  }

  /** The subscriber's erasure request: personal data out of the ledger, the number stays blocked by its keyed hash. */
  @Delete(':phone/personal-data')
  erase(@Param('accountId') accountId: string, @Param('phone') phone: string) {
    return this.consent.erase(accountId, phone);
  }
}
