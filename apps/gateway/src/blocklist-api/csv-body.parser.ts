import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Lets `text/csv` bodies through as the raw request stream: the import reads it as it
 * arrives instead of Fastify buffering it (its 8 MiB body limit does not apply to a stream;
 * the import enforces its own, larger one). Routes that take JSON still answer 415 to a CSV
 * body (ContentTypeGuard).
 */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  }
}
