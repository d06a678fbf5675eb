import { Controller, Get, UseGuards } from '@nestjs/common';
import { QueueHealth, QueueStats } from '@optout/runtime';
import { OpsAdminGuard } from './ops-admin.guard';

/** GET /ops/queues/health: the state of every queue, read from Redis now. */
@Controller('ops/queues')
@UseGuards(OpsAdminGuard)
export class QueueHealthController {
  constructor(private readonly stats: QueueStats) {}

  @Get('health')
  async health(): Promise<{ checkedAt: string; queues: Record<string, QueueHealth> }> {
    const now = Date.now();
    return { checkedAt: new Date(now).toISOString(), queues: await this.stats.health(now) };
  }
}
