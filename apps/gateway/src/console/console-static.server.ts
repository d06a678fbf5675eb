import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ASSET_CACHE_CONTROL, CONSOLE_SECURITY_HEADERS, PAGE_CACHE_CONTROL } from './console-headers';

export const CONSOLE_PATH = '/console';

/** The repository (or image) root: the nearest folder above this file with a package.json. */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Where `npm run build` puts the console (vite build of apps/console). */
export function consoleBuildDir(): string {
  return process.env.CONSOLE_DIR ?? join(packageRoot(__dirname), 'dist', 'console');
}

/**
 * Serves the compliance console (apps/console, built by Vite) at /console on the gateway's
 * Fastify instance: hashed assets through @fastify/static with a year of immutable caching,
 * and the one page, index.html, for /console and every path under it (the app routes in the
 * browser), never cached without revalidation. Every answer carries the console's CSP.
 * The console is a client of the public API like any other; nothing here reads account data.
 */
@Injectable()
export class ConsoleStaticServer implements OnModuleInit {
  private readonly logger = new Logger('Console');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const dir = consoleBuildDir();
    const indexFile = join(dir, 'index.html');
    const page = existsSync(indexFile) ? readFileSync(indexFile) : null;
    if (!page) this.logger.warn(`${indexFile} is missing: /console answers 503 until \`npm run build\` has built it`);
    const etag = page ? `"${createHash('sha256').update(page).digest('base64url').slice(0, 27)}"` : '';

    await fastify.register(
      async (scope: FastifyInstance) => {
        scope.addHook('onSend', async (_request, reply) => {
          void reply.headers(CONSOLE_SECURITY_HEADERS);
        });
        const sendPage = async (request: FastifyRequest, reply: FastifyReply) => {
          if (!page) {
            return reply.code(503).header('retry-after', '30').type('text/plain; charset=utf-8').send('The console has not been built on this server: run `npm run build`.');
          }
          void reply.header('cache-control', PAGE_CACHE_CONTROL).header('etag', etag);
          if (request.headers['if-none-match'] === etag) return reply.code(304).send();
          return reply.type('text/html; charset=utf-8').send(page);
        };
        scope.get('/', sendPage);
        scope.get('/*', sendPage);
        if (page) {
          await scope.register(fastifyStatic, {
            root: join(dir, 'assets'),
            prefix: '/assets/',
            decorateReply: false,
            index: false,
            cacheControl: false,
            setHeaders: (reply) => void reply.header('cache-control', ASSET_CACHE_CONTROL),
          });
        }
      },
      { prefix: CONSOLE_PATH },
    );
  }
}
