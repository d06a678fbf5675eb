import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthChecks, HealthReport } from '@optout/runtime';

/**
 * GET /health/live and /health/ready, unauthenticated (load balancers and orchestrators
 * probe them). terminus's JSON body; 503 when a check is down.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly checks: HealthChecks) {}

  @Get('live')
  async live(@Res() reply: FastifyReply): Promise<void> {
    await send(reply, await this.checks.live());
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    await send(reply, await this.checks.ready());
  }
}

async function send(reply: FastifyReply, report: HealthReport): Promise<void> {
  await reply.status(report.status).header('cache-control', 'no-store').send(report.body);
}
