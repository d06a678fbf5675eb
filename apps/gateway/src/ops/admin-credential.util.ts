import { bearerToken, constantTimeEquals } from '../auth/api-key.util';

/** What a 401 from /ops sends, so that a browser asks for the token. */
export const OPS_BASIC_CHALLENGE = 'Basic realm="optout ops", charset="UTF-8"';

/**
 * The admin token as /ops accepts it: `Authorization: Bearer <token>` for scripts, or HTTP
 * basic auth with the token as the password (any user name) for a browser, which cannot
 * send a bearer token on its own.
 */
export function adminCredentialOf(header: string | string[] | undefined): string | null {
  const bearer = bearerToken(header);
  if (bearer) return bearer;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value) : null;
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}

/** True when the header carries the admin token; never true when no token is configured. */
export function isAdmin(header: string | string[] | undefined, adminToken: string | null): boolean {
  const credential = adminCredentialOf(header);
  return credential !== null && adminToken !== null && constantTimeEquals(credential, adminToken);
}

export const OPS_UNAUTHORIZED = 'Send the admin token as "Authorization: Bearer <ADMIN_TOKEN>" or as the password of HTTP basic auth';
