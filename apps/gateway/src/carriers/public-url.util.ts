/**
 * The URL a carrier called, as the carrier saw it: what Twilio's signature covers.
 * `PUBLIC_BASE_URL` (recommended) says it outright. Without it, the URL is rebuilt from the
 * request: the scheme from the *first* `X-Forwarded-Proto` entry (the proxy facing the client,
 * as Express and Twilio's own middleware read it; Fastify's `request.protocol` takes the last),
 * the host from `Host`.
 */
export function publicUrlOf(
  publicBaseUrl: string | null,
  request: { url: string; protocol: string; hostname: string; headers: Record<string, string | string[] | undefined> },
): string {
  if (publicBaseUrl) return `${publicBaseUrl}${request.url}`;
  const forwarded = firstHeaderValue(request.headers['x-forwarded-proto'])?.split(',')[0].trim().toLowerCase();
  const scheme = forwarded === 'http' || forwarded === 'https' ? forwarded : request.protocol;
  const host = firstHeaderValue(request.headers.host) ?? request.hostname;
  return `${scheme}://${host}${request.url}`;
}

function firstHeaderValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
