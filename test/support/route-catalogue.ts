import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

export interface CatalogueRoute {
  method: string;
  /** Fastify-style path with `:params`, e.g. `/v1/accounts/:accountId/webhooks/:id`. */
  path: string;
  controller: string;
  handler: string;
  /** Names of the guards on the handler or its controller (ApiKeyGuard, AdminGuard…). */
  guards: string[];
}

/**
 * Every route the Nest controllers of a running app declare, read from Nest's own metadata,
 * so that a suite covers routes added after it was written. (Routes registered straight on
 * Fastify, like the queue dashboard's, are not controllers and are not listed.)
 */
export function listControllerRoutes(app: INestApplication): CatalogueRoute[] {
  const routes: CatalogueRoute[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const prefixes = asArray(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const classGuards = guardNames(Reflect.getMetadata(GUARDS_METADATA, controller));
      const prototype = controller.prototype as Record<string, unknown>;
      for (const handler of Object.getOwnPropertyNames(prototype)) {
        const fn = prototype[handler];
        if (handler === 'constructor' || typeof fn !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        if (method === undefined || paths === undefined) continue;
        for (const prefix of prefixes) {
          for (const path of asArray(paths)) {
            routes.push({
              method: RequestMethod[method],
              path: join(prefix, path),
              controller: controller.name,
              handler,
              guards: [...classGuards, ...guardNames(Reflect.getMetadata(GUARDS_METADATA, fn))],
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** A route path with its `:params` filled in (each value URL-encoded). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(params[name]);
  });
}

export function paramsOf(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);
}

function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function join(prefix: string, path: string): string {
  const joined = `/${[prefix, path].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  return joined;
}

function guardNames(guards: unknown): string[] {
  return ((guards as Array<{ name?: string }> | undefined) ?? []).map((guard) => guard.name ?? String(guard));
}
