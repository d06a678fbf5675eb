import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the account's auth token, over
 * the full URL Twilio called followed by every POST parameter as name+value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * Checks the signature the way the official SDK's `validateRequest` does: over the URL
 * without its port and with the scheme's default port. Twilio signs the URL as configured
 * in its console, and whether that had `:443` (or a proxy added or dropped it on the way)
 * is not something the receiver can know.
 */
export function isValidTwilioSignature(authToken: string, url: string, params: Record<string, string>, signature: string | undefined): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature);
  return portVariantsOf(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/**
 * The URL without a port and with the scheme's default port (when it has none), the rest
 * kept byte for byte: parsing it with `new URL()` would re-encode characters Twilio signed as sent.
 */
export function portVariantsOf(url: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(url);
  if (!match) return [url];
  const [, scheme, authority, rest] = match;
  const userInfoEnd = authority.lastIndexOf('@');
  const userInfo = authority.slice(0, userInfoEnd + 1);
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // In an IPv6 literal the port's colon comes after the closing bracket.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  const host = portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart);
  const withoutPort = scheme + userInfo + host + rest;
  if (portStart !== -1) return [withoutPort, url];
  const defaultPort = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return [withoutPort, scheme + userInfo + host + defaultPort + rest];
}
