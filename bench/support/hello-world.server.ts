import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

/** The reference every HTTP figure is compared with: a bare NestJS-on-Fastify route on this machine. */
@Controller()
class HelloController {
  @Get('hello')
  hello(): string {
    return 'Hello World!';
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(HelloModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.argv[2] ?? 3100), '127.0.0.1');
  process.send?.('ready');
}

void main();
