import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
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
 * browser), never used without revalidation. Every answer carries the console's CSP. The
 * console is a client of the public API like any other; nothing here reads account data.
 *
 * A Fastify plugin, registered by create-gateway-app.ts before Nest adds its routes (as the
 * ops routes are): registered later, from a Nest lifecycle hook, it would make Fastify build
 * Nest's routes before Nest installs its error handler, and body-parser errors would lose the
 * API's error shape. Register it with `{ prefix: CONSOLE_PATH }`.
 */
export async function consoleStaticPlugin(scope: FastifyInstance): Promise<void> {
  const dir = consoleBuildDir();
  const indexFile = join(dir, 'index.html');
  const page = existsSync(indexFile) ? readFileSync(indexFile) : null;
  if (!page) new Logger('Console').warn(`${indexFile} is missing: /console answers 503 until \`npm run build\` has built it`);
  const etag = page ? `"${createHash('sha256').update(page).digest('base64url').slice(0, 27)}"` : '';

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
}
