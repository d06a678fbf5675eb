import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { ApiException } from '../http/api.exception';
import { ApiKeyUsageRecorder } from '../api-keys/api-key-usage.recorder';
import { ApiKeyResolver } from './api-key-resolver.service';
import { bearerToken, constantTimeEquals } from './api-key.util';
import { isUuid } from '@optout/contracts';

export type AuthenticatedRequest = FastifyRequest & { accountId?: string; apiKeyId?: string };


const unauthorized = (message: string) => new ApiException(401, 'unauthorized', message);

/** `Authorization: Bearer <ADMIN_TOKEN>`: account creation and listing, /ops. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = bearerToken(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization);
    if (!token || !this.config.adminToken || !constantTimeEquals(token, this.config.adminToken)) {
      throw unauthorized('Send the admin token as "Authorization: Bearer <ADMIN_TOKEN>"');
    }
    return true;
  }
}

/**
 * `Authorization: Bearer <account API key>`. Where the route names an account, a key of
 * another account gets 404, exactly as a missing account would: nothing tells a caller that
 * an account it does not own exists. The route's `:accountId` is compared case-insensitively
 * and then rewritten to the account's canonical (lower-case) id.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyResolver,
    private readonly usage: ApiKeyUsageRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized('Send the account API key as "Authorization: Bearer <key>"');
    const key = await this.keys.resolve(token);
    if (!key) throw unauthorized('The API key is not valid');
    const { accountId } = key;

    const routeAccountId = (request.params as Record<string, string | undefined>).accountId;
    if (routeAccountId !== undefined && (!isUuid(routeAccountId) || routeAccountId.toLowerCase() !== accountId)) {
      throw ApiException.notFound(`Account ${routeAccountId}`);
    }
    // Every route reads the account id from here on in one spelling, the authenticated account's
    // own: an upper-case id in the URL must not become a second gate cache key, erasure hash or
    // queue payload for the same account (issue 13, item 2).
    if (routeAccountId !== undefined) (request.params as Record<string, string>).accountId = accountId;
    request.accountId = accountId;
    request.apiKeyId = key.keyId;
    this.usage.used(key.keyId);
    return true;
  }
}
