import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiException } from './api.exception';

const ACCEPTS = 'optout:accepts-content-types';

/** The media types a route takes a body in; without it a route takes JSON only. */
export const AcceptsContentType = (...types: string[]) => SetMetadata(ACCEPTS, types);

/**
 * Answers 415 to a body in a media type the route does not take. Fastify parses form posts
 * (for Twilio's webhook) and would otherwise hand a JSON route a form as if it were JSON.
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!['POST', 'PUT', 'PATCH'].includes(request.method)) return true;
    const header = request.headers['content-type'];
    if (header === undefined && (request.body === undefined || request.body === null)) return true;
    const accepted = this.reflector.getAllAndOverride<string[] | undefined>(ACCEPTS, [context.getHandler(), context.getClass()]) ?? ['application/json'];
    const type = (header ?? '').split(';')[0].trim().toLowerCase();
    if (!accepted.includes(type)) {
      throw new ApiException(415, 'unsupported_media_type', `This endpoint takes ${accepted.join(' or ')}, not ${type || 'a body without a content type'}`);
    }
    return true;
  }
}
