/**
 * What never reaches a log line: credentials (authorization headers, API keys, admin and
 * auth tokens, webhook secrets, passwords) and URL query strings, which customers use to
 * carry tokens in webhook URLs. Field names are redacted by pino's own `redact` (fast, by
 * path); free text — a message, an error's message or stack, a URL field — is scrubbed of
 * query strings, URL credentials, bearer tokens and our own key formats.
 */
export const REDACTED = '[redacted]';

/** Field names whose value is a secret, wherever they appear (up to two levels deep). */
const SECRET_FIELDS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-twilio-signature',
  'x-api-key',
  'apiKey',
  'token',
  'accessToken',
  'refreshToken',
  'authToken',
  'adminToken',
  'secret',
  'secrets',
  'previousSecret',
  'webhookSecret',
  'password',
  'secretsKey',
];

/** Fields that hold text or a URL: kept, with the secrets inside them scrubbed. */
const TEXT_FIELDS = ['url', 'originalUrl', 'msg', 'message', 'stack', 'error'];

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);
const atAnyDepth = (name: string) => [key(name).replace(/^\./, ''), `*${key(name)}`, `*.*${key(name)}`];

export const REDACTED_PATHS = [...SECRET_FIELDS.flatMap(atAnyDepth), ...TEXT_FIELDS.filter((name) => name !== 'msg').flatMap(atAnyDepth)];

const TEXT_FIELD_NAMES = new Set(TEXT_FIELDS);

/** pino's `censor`: a secret field becomes "[redacted]"; a text field keeps its text, scrubbed. */
export function censor(value: unknown, path: string[]): unknown {
  const name = path[path.length - 1];
  if (TEXT_FIELD_NAMES.has(name)) return typeof value === 'string' ? scrubSecrets(value) : value;
  return REDACTED;
}

const URL_QUERY = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** Our own credentials, recognisable by their prefix: account API keys, admin tokens, webhook secrets. */
const OWN_KEYS = /\b(ook|adm|whsec)_[A-Za-z0-9_+/=-]{8,}/g;

/** The text with every query string, URL credential, bearer/basic credential and key of ours replaced. */
export function scrubSecrets(text: string): string {
  return text
    .replace(URL_QUERY, `$1?${REDACTED}`)
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(OWN_KEYS, `$1_${REDACTED}`);
}
