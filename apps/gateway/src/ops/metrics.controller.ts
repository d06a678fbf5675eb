import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { scrapeMetrics } from '@optout/observability';

/**
 * GET /metrics, Prometheus text format, without authentication like every scrape target:
 * it holds counts and timings, never a phone number or an account. Keep it off the public
 * load balancer (see docs/operations.md).
 */
@Controller()
export class MetricsController {
  @Get('metrics')
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await scrapeMetrics();
    await reply.header('content-type', contentType).send(body);
  }
}
