import { Body, Controller, Get, Inject, Param, Put, UseGuards } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { ReplyTransportEntity, ReplyTransportRepository } from '@optout/database';
import { targetUrlProblem } from '@optout/egress';
import { ApiKeyGuard } from '../auth/auth.guards';
import { ApiException } from '../http/api.exception';
import { ReplyTransportDto } from './reply-transport.dto';

@Controller('v1/accounts/:accountId/reply-transport')
@UseGuards(ApiKeyGuard)
export class ReplyTransportController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transports: ReplyTransportRepository,
  ) {}

  @Put()
  async put(@Param('accountId') accountId: string, @Body() dto: ReplyTransportDto) {
    const problem = await targetUrlProblem(dto.url, { allowPrivate: this.config.allowPrivateWebhookTargets });
    if (problem) throw ApiException.validation([{ field: 'url', rule: 'reply_target', message: `url ${problem}` }]);
    return viewOf(await this.transports.put(accountId, { type: 'http', url: dto.url }));
  }

  @Get()
  async get(@Param('accountId') accountId: string) {
    const transport = await this.transports.find(accountId);
    if (!transport) throw ApiException.notFound('A reply transport for this account');
    return viewOf(transport);
  }
}

function viewOf(transport: ReplyTransportEntity) {
  return { ...transport.config, updatedAt: transport.updatedAt.toISOString() };
}
