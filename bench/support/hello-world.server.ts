import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Inject, Module, OnApplicationShutdown, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import IORedis from 'ioredis';

/**
 * The references every HTTP figure is compared with, all bare NestJS-on-Fastify routes on this
 * machine, measured in the same run as the routes they bound:
 *
 * - `GET /hello`: nothing but Nest and Fastify.
 * - `GET /ceiling/gate/:accountId/:phone`: the same one `HGETALL` of the same gate-cache key a
 *   warm `GET /v1/gate/:accountId/:phone` reads, on a client configured as the gate's
 *   (auto-pipelining), answered as JSON. The ceiling of a single gate lookup.
 * - `POST /ceiling/inbound`: a JSON body parsed, one Redis write (`SET` of the body) awaited,
 *   202. The ceiling of a single `POST /v1/inbound`, which must also only answer once Redis
 *   holds the message (it writes less often, micro-batching, but validates and normalises).
 *
 * argv: port, Redis URL, gate key prefix (the gateway's `QUEUE_PREFIX` without braces).
 */
const REDIS = Symbol('REDIS');
const KEY_PREFIX = process.argv[4] ?? 'optout-bench';
/** Writes rotate over this many keys, so a long run does not grow the shared Redis. */
const WRITE_SLOTS = 1024;

@Controller()
class ReferenceController {
  private writes = 0;

  constructor(@Inject(REDIS) private readonly redis: IORedis) {}

  @Get('hello')
  hello(): string {
    return 'Hello World!';
  }

  @Get('ceiling/gate/:accountId/:phone')
  async gate(@Param('accountId') accountId: string, @Param('phone') phone: string): Promise<Record<string, string>> {
    return this.redis.hgetall(`${KEY_PREFIX}:gate:{${accountId}}:${phone}`);
  }

  @Post('ceiling/inbound')
  @HttpCode(202)
  async inbound(@Body() body: { messageId?: string }): Promise<{ id: string | undefined }> {
    await this.redis.set(`${KEY_PREFIX}:ceiling:${this.writes++ % WRITE_SLOTS}`, JSON.stringify(body), 'PX', 60_000);
    return { id: body.messageId };
  }
}

@Module({
  controllers: [ReferenceController],
  providers: [{ provide: REDIS, useFactory: () => new IORedis(process.argv[3] ?? 'redis://127.0.0.1:6379', { enableAutoPipelining: true }) }],
})
class ReferenceModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: IORedis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(ReferenceModule, new FastifyAdapter(), { logger: false });
  app.enableShutdownHooks();
  await app.listen(Number(process.argv[2] ?? 3100), '127.0.0.1');
  process.send?.('ready');
}

void main();
