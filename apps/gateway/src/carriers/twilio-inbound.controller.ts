import { Controller, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AcceptsContentType } from '../http/content-type.guard';
import { TwilioInboundService } from './twilio-inbound.service';

/** An empty TwiML answer: the confirmation goes out later, through the reply transport. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

@Controller('v1/carriers/twilio')
export class TwilioInboundController {
  constructor(private readonly twilio: TwilioInboundService) {}

  @Post(':accountId')
  @HttpCode(200)
  @AcceptsContentType('application/x-www-form-urlencoded')
  @Header('content-type', 'text/xml')
  async inbound(@Param('accountId') accountId: string, @Req() request: FastifyRequest): Promise<string> {
    await this.twilio.accept(accountId, request);
    return EMPTY_TWIML;
  }

  /** Message status callbacks: `ErrorCode=21610` records an opt-out; anything else is acknowledged. */
  @Post(':accountId/status')
  @HttpCode(200)
  @AcceptsContentType('application/x-www-form-urlencoded')
  async status(@Param('accountId') accountId: string, @Req() request: FastifyRequest): Promise<{ status: string }> {
    return { status: await this.twilio.status(accountId, request) };
  }
}
