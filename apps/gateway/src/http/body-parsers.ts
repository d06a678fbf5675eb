import { parse as parseQueryString } from 'node:querystring';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonNestedDeeperThan, MAX_JSON_DEPTH } from './json-depth.util';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a body that must be UTF-8 (JSON always is, RFC 8259), or null when it is not. */
export function decodeUtf8Strictly(body: Buffer): string | null {
  try {
    return STRICT_UTF8.decode(body);
  } catch {
    return null;
  }
}

/** The JSON body's text exactly as received, for signatures made over the raw bytes (Telnyx's webhook). */
export function rawBodyOf(request: FastifyRequest): string | undefined {
  return (request as FastifyRequest & { rawBody?: string }).rawBody;
}

/**
 * The body parsers Nest would register, with two differences: a JSON body that is not valid
 * UTF-8 is refused with 400, where the lenient decoding would turn the bad bytes into U+FFFD
 * and let them through into a message body, a URL or the ledger; and a JSON body nested deeper
 * than MAX_JSON_DEPTH is refused with 400 before anything recurses over it. Registering any parser
 * stops Nest from adding its own, so the form parser (Twilio's webhook) is declared here too.
 */
export function registerBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const { bodyLimit } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    const text = decodeUtf8Strictly(body);
    if (text === null) {
      done(Object.assign(new Error('The body is not valid UTF-8 (JSON must be sent as UTF-8)'), { statusCode: 400 }), undefined);
      return;
    }
    if (jsonNestedDeeperThan(text, MAX_JSON_DEPTH)) {
      done(Object.assign(new Error(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400 }), undefined);
      return;
    }
    // Kept (a reference to the string already decoded): a signature over the raw body cannot be checked against re-serialised JSON.
    (request as FastifyRequest & { rawBody?: string }).rawBody = text;
    parseJson(request as FastifyRequest, text, done);
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => done(null, parseQueryString(body.toString())));
}
