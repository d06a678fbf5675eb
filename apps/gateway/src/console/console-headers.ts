/**
 * The console's security headers. Its page runs no inline script or style (Vite emits one
 * module script and one stylesheet as files), so the policy allows only same-origin files
 * and same-origin API calls; `frame-ancestors 'none'` keeps it out of every frame (clickjacking).
 * `data:` images only for the empty favicon, which spares the browser a request that would 404.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONSOLE_CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
});

/** Hashed file names change with their content: a year, never revalidated. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** The page names the current hashed files: always asked again (a 304 when unchanged). */
export const PAGE_CACHE_CONTROL = 'no-cache';
