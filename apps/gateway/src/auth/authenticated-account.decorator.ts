import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth.guards';

/** The account id that `ApiKeyGuard` proved the caller holds a key of. */
export const AuthenticatedAccount = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const accountId = context.switchToHttp().getRequest<AuthenticatedRequest>().accountId;
  if (!accountId) throw new Error('AuthenticatedAccount used on a route without ApiKeyGuard');
  return accountId;
});

/** The id of the API key that `ApiKeyGuard` accepted: recorded in the ledger with manual changes and imports. */
export const AuthenticatedKey = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const keyId = context.switchToHttp().getRequest<AuthenticatedRequest>().apiKeyId;
  if (!keyId) throw new Error('AuthenticatedKey used on a route without ApiKeyGuard');
  return keyId;
});
