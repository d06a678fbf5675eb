import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type {
  AppControllerRoute,
  AppViewRoute,
  BullBoardQueues,
  ControllerHandlerReturnType,
  IServerAdapter,
  UIConfig,
} from '@bull-board/api/typings/app';
import type { FastifyInstance, FastifyReply, HTTPMethods } from 'fastify';
import { renderInterpolationTemplate } from './ejs-view.util';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * bull-board's server adapter for a Fastify scope, written here instead of taking
 * `@bull-board/fastify`: that package loads `@fastify/static`, whose ESM-only dependency
 * (content-disposition 3) Jest cannot load, so every in-process end-to-end suite would fail.
 * This serves the same three things — the page (bull-board's view), its static assets and
 * its JSON API — with no plugin and no template engine of its own.
 */
export class BullBoardFastifyAdapter implements IServerAdapter {
  private queues: BullBoardQueues = new Map();
  private uiConfig: UIConfig = {};
  private viewsPath = '';
  private statics: { route: string; path: string } | null = null;
  private entryRoute: AppViewRoute | null = null;
  private apiRoutes: AppControllerRoute[] = [];
  private errorHandler: (error: Error) => ControllerHandlerReturnType = (error) => ({ status: 500, body: { error: error.message } as never });

  constructor(private readonly basePath: string) {}

  setQueues(queues: BullBoardQueues): this {
    this.queues = queues;
    return this;
  }

  setViewsPath(path: string): this {
    this.viewsPath = path;
    return this;
  }

  setStaticPath(route: string, path: string): this {
    this.statics = { route, path: resolve(path) };
    return this;
  }

  setEntryRoute(route: AppViewRoute): this {
    this.entryRoute = route;
    return this;
  }

  setErrorHandler(handler: (error: Error) => ControllerHandlerReturnType): this {
    this.errorHandler = handler;
    return this;
  }

  setApiRoutes(routes: AppControllerRoute[]): this {
    this.apiRoutes = routes;
    return this;
  }

  setUIConfig(config: UIConfig = {}): this {
    this.uiConfig = config;
    return this;
  }

  /** Adds the board's routes to `scope` (registered with prefix = the base path). */
  routes(scope: FastifyInstance): void {
    const { entryRoute, statics } = this;
    if (!entryRoute || !statics) throw new Error('createBullBoard() must run before the dashboard routes are added');

    const page = async (_request: unknown, reply: FastifyReply) => {
      const { name, params } = entryRoute.handler({ basePath: this.basePath, uiConfig: this.uiConfig });
      const html = renderInterpolationTemplate(await readFile(join(this.viewsPath, name), 'utf8'), params);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    };
    for (const url of ([] as string[]).concat(entryRoute.route)) scope.route({ method: entryRoute.method.toUpperCase() as HTTPMethods, url, handler: page });

    scope.get(`${statics.route}/*`, async (request, reply) => {
      const file = resolve(statics.path, (request.params as { '*': string })['*']);
      if (!file.startsWith(statics.path + sep)) return reply.code(404).send();
      try {
        const body = await readFile(file);
        return reply
          .type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
          .header('cache-control', 'private, max-age=86400')
          .send(body);
      } catch {
        return reply.code(404).send();
      }
    });

    for (const route of this.apiRoutes) {
      const methods = ([] as string[]).concat(route.method).map((method) => method.toUpperCase() as HTTPMethods);
      for (const url of ([] as string[]).concat(route.route)) {
        scope.route({
          method: methods,
          url,
          handler: async (request, reply) => {
            const response = await route.handler({
              queues: this.queues,
              uiConfig: this.uiConfig,
              params: request.params as Record<string, unknown>,
              query: request.query as Record<string, unknown>,
              body: request.body as Record<string, unknown>,
              headers: request.headers as Record<string, string | undefined>,
            });
            return reply.status(response.status ?? 200).send(response.body);
          },
        });
      }
    }

    scope.setErrorHandler((error: Error, _request, reply) => {
      const response = this.errorHandler(error);
      return reply.status(response.status ?? 500).send(response.body);
    });
  }
}
