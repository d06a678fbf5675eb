import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { AdminGuard, ApiKeyGuard } from '../auth/auth.guards';
import { ApiException } from '../http/api.exception';
import { AccountsService } from './accounts.service';
import { CreateAccountDto } from './create-account.dto';
import { isUuid } from '@optout/contracts';


@Controller('v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @HttpCode(201)
  @UseGuards(AdminGuard)
  create(@Body() dto: CreateAccountDto) {
    return this.accounts.create(dto);
  }

  @Get()
  @UseGuards(AdminGuard)
  list(@Query('limit') limit?: string, @Query('cursor') cursor?: string) {
    const size = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      throw ApiException.validation([{ field: 'limit', rule: 'range', message: 'limit must be a whole number from 1 to 1000' }]);
    }
    if (cursor !== undefined && !isUuid(cursor)) {
      throw ApiException.validation([{ field: 'cursor', rule: 'cursor', message: 'cursor must be the nextCursor of a previous page' }]);
    }
    return this.accounts.list(size, cursor);
  }

  @Get(':accountId')
  @UseGuards(ApiKeyGuard)
  get(@Param('accountId') accountId: string) {
    return this.accounts.get(accountId);
  }
}
