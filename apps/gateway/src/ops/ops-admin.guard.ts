import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { ApiException } from '../http/api.exception';
import { isAdmin, OPS_BASIC_CHALLENGE } from './admin-credential.util';

/** The admin token, as a bearer token or as the basic-auth password, for everything under /ops. */
@Injectable()
export class OpsAdminGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (isAdmin(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization, this.config.adminToken)) return true;
    throw new ApiException(401, 'unauthorized', OPS_UNAUTHORIZED, [], { 'www-authenticate': OPS_BASIC_CHALLENGE });
  }
}

export const OPS_UNAUTHORIZED = 'Send the admin token as "Authorization: Bearer <ADMIN_TOKEN>" or as the password of HTTP basic auth';
