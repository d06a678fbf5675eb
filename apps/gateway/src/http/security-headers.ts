import type { FastifyInstance } from 'fastify';

/** Forbids framing (clickjacking of the dashboard or any page we serve) to every browser, old and new. */
export const FRAME_ANCESTORS_NONE = "frame-ancestors 'none'";

/**
 * `content-security-policy` with `frame-ancestors 'none'` added: a page that set its own policy
 * keeps it, one that did not gets only this directive (a stricter default policy would break
 * bull-board's inline configuration script).
 */
export function withFrameAncestorsNone(policy: string | undefined): string {
  if (!policy) return FRAME_ANCESTORS_NONE;
  if (/(^|;)\s*frame-ancestors\s/i.test(policy)) return policy.replace(/(^|;)(\s*)frame-ancestors\s[^;]*/i, `$1$2${FRAME_ANCESTORS_NONE}`);
  return `${policy.replace(/;\s*$/, '')}; ${FRAME_ANCESTORS_NONE}`;
}

/**
 * Security headers on every answer of this Fastify instance and the scopes registered after
 * this call (register it first): no framing (`X-Frame-Options: DENY` and CSP
 * `frame-ancestors 'none'`), no MIME sniffing. They cost a few bytes on JSON answers too, and
 * so hold for any HTML page a later route adds without anyone remembering to set them.
 */
export function installSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    const policy = reply.getHeader('content-security-policy');
    reply.header('content-security-policy', withFrameAncestorsNone(typeof policy === 'string' ? policy : undefined));
    return payload;
  });
}
