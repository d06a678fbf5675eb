import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { routeParamsOf, SeededAccount, seedAccount } from '../support/api-fixtures';
import { HttpReceiver } from '../support/http-receiver';
import { CatalogueRoute, fillPath, listControllerRoutes, paramsOf } from '../support/route-catalogue';
import { RunningSystem } from '../support/running-system';
import { suiteFixture } from '../support/suite-fixture';
import { TEST_ADMIN_TOKEN } from '../support/test-config';
import { waitFor } from '../support/wait-for';
import { gateAnswer } from '../support/gate';

/**
 * Bad input on every endpoint the gateway's controllers declare: malformed JSON, wrong types,
 * missing fields, oversized bodies, invalid UTF-8, 10 000-character fields, strings that are
 * not phone numbers, unknown accounts and ids, bad credentials. A few thousand requests; each
 * gets a 4xx in the API's error shape `{ error: { code, message, details } }` — never a 5xx —
 * and afterwards a good STOP still goes through.
 */

interface BadRequest {
  /** What the request gets wrong (for the failure report). */
  what: string;
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /**
   * True when the request is wrong whatever the route does with it, so it must get a 4xx.
   * Generated bodies that may happen to be valid are only held to "no 5xx, errors in shape".
   */
  mustFail: boolean;
}

/** A body each route accepts, to corrupt one part at a time. */
function templates(receiverUrl: string, account: SeededAccount): Record<string, { json: Record<string, unknown> }> {
  const message = { accountId: account.id, messageId: 'tpl-1', from: '+12025550188', to: '+12025550100', body: 'hello' };
  return {
    'POST /v1/accounts': { json: { name: 'Template', defaultCountry: 'US' } },
    'POST /v1/inbound': { json: message },
    'POST /v1/inbound/batch': { json: { messages: [message] } },
    'POST /v1/gate/:accountId/check': { json: { phones: ['+12025550188'] } },
    'POST /v1/accounts/:accountId/webhooks': { json: { url: receiverUrl, events: ['consent.opted_out'] } },
    'PATCH /v1/accounts/:accountId/webhooks/:id': { json: { url: receiverUrl, events: ['consent.opted_out', 'consent.opted_in', 'help.requested'], enabled: true } },
    'POST /v1/accounts/:accountId/webhooks/:id/rotate-secret': { json: { graceSeconds: 60 } },
    'PUT /v1/accounts/:accountId/reply-transport': { json: { type: 'http', url: receiverUrl } },
    'PUT /v1/accounts/:accountId/compliance': { json: { optOut: { keywords: ['STOP', 'QUIT'], message: 'Bye.' }, help: { message: 'Help.' } } },
    'POST /v1/accounts/:accountId/compliance/classify': { json: { from: '+12025550188', to: '+12025550100', body: 'STOP' } },
    'PUT /v1/accounts/:accountId/blocklist/:phone': { json: { reason: 'asked by phone' } },
  };
}

/** Fields that must hold a phone number (or, for `to`, a short code). */
const PHONE_FIELDS = new Set(['from', 'to']);
const NOT_PHONE_NUMBERS = ['call me', '+', '', '++12025550100', '+1202555010000000000', '٠١٢٣٤٥٦٧٨٩', '\u0000', '+1-800-FLOWERS', '12345678901234567890123', '☎️', '+999'];
const MALFORMED_JSON = ['{', '{"a":', '[1,', 'nul', '{"a":1}}', "{'a':1}", '{"a":1,}', 'NaN', '"unterminated', '{"a":01}', '\u0000', '{"__proto__":{"x":1}}'];
const LONG = 'x'.repeat(10_000);
const INVALID_UTF8 = (json: string) => Buffer.concat([Buffer.from(json.slice(0, -2)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(json.slice(-2))]);

describe('bad input on every endpoint', () => {
  const suite = suiteFixture(
    async (stopLater) => {
      const system = stopLater(await RunningSystem.start());
      const receiver = stopLater(await new HttpReceiver().start());
      return { system, receiver, acme: await seedAccount(system, receiver, 'acme', '+12025550201'), routes: listControllerRoutes(system.app) };
    },
    { stopTimeoutMs: 120_000 },
  );

  const tokenFor = (route: CatalogueRoute): string | null => {
    if (route.guards.includes('ApiKeyGuard')) return suite.acme.apiKey;
    if (route.guards.includes('AdminGuard')) return TEST_ADMIN_TOKEN;
    return null;
  };

  /** The media type a route takes its body in. */
  const mediaTypeOf = (route: CatalogueRoute) =>
    route.path.startsWith('/v1/carriers/twilio') ? 'application/x-www-form-urlencoded' : route.path.endsWith('/blocklist/import') ? 'text/csv' : 'application/json';

  function badRequestsFor(route: CatalogueRoute): BadRequest[] {
    const key = `${route.method} ${route.path}`;
    const token = tokenFor(route);
    const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const validPath = fillPath(route.path, routeParamsOf(suite.acme));
    const requests: BadRequest[] = [];
    const add = (what: string, request: Partial<BadRequest> & { mustFail: boolean }) =>
      requests.push({ what, route: key, method: route.method, path: validPath, headers: { ...auth }, ...request });
    const takesBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
    const mediaType = mediaTypeOf(route);
    const template = templates(suite.receiver.url('/crm/x'), suite.acme)[key]?.json;

    // Path parameters: unknown ids and accounts, too long, not UTF-8, not phone numbers.
    for (const param of paramsOf(route.path)) {
      // Destructive routes are never sent a real id with a body they would accept.
      const values: Array<[string, string]> = [
        ['an unknown id', randomUUID()],
        ['10 000 characters', LONG],
        ['not a UUID or number', 'null'],
        ['a NUL byte', '\u0000'],
        ['path traversal', '../../etc/passwd'],
        ['an emoji', '☎️'],
      ];
      for (const [what, value] of values) {
        // A random UUID is a perfectly good phone-shaped refusal ("contains letters").
        add(`:${param} ${what}`, { path: fillPath(route.path, { ...routeParamsOf(suite.acme), [param]: value }), body: takesBody ? JSON.stringify(template ?? {}) : undefined, headers: { ...auth, ...(takesBody ? { 'content-type': mediaType } : {}) }, mustFail: true });
      }
      // Not valid percent-encoding / not UTF-8 once decoded: written into the URL as is.
      for (const [what, raw] of [['invalid UTF-8 (%FF%FE)', '%FF%FE'], ['a lone %', '%'], ['%C3%28', '%C3%28']] as const) {
        const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === param ? raw : encodeURIComponent(routeParamsOf(suite.acme)[name])));
        add(`:${param} ${what}`, { path, body: takesBody ? JSON.stringify(template ?? {}) : undefined, headers: { ...auth, ...(takesBody ? { 'content-type': mediaType } : {}) }, mustFail: true });
      }
    }

    // Credentials: missing, malformed, another scheme, absurdly long, unknown.
    if (token) {
      for (const [what, header] of [
        ['no Authorization header', null],
        ['"Bearer" alone', 'Bearer'],
        ['Basic credentials', 'Basic Zm9vOmJhcg=='],
        ['a 10 000-character token', `Bearer ${LONG}`],
        ['an unknown key', `Bearer ook_${'A'.repeat(43)}`],
        ['the key with trailing words', `Bearer ${token} and more`],
      ] as const) {
        const withBody = takesBody && template !== undefined;
        add(`credentials: ${what}`, {
          headers: { ...(header === null ? {} : { authorization: header }), ...(withBody ? { 'content-type': 'application/json' } : {}) },
          body: withBody ? JSON.stringify(template) : undefined,
          mustFail: true,
        });
      }
    }

    // Query strings: wrong types, out of range, repeated, too long, not UTF-8. Routes ignore what
    // they do not read, so only "no 5xx" holds in general.
    if (route.method === 'GET') {
      for (const query of ['limit=abc', 'limit=-1', 'limit=0', 'limit=99999999999999999999', 'limit=1e400', 'limit=1&limit=2', `cursor=${LONG}`, 'cursor=%FF', 'status=nope', 'status[]=x', 'version=abc', 'version=-1', 'version=99999999999', 'include=everything', `search=${LONG}`, '%FF=1', 'limit[$gt]=1', 'cursor=eyJ4IjoxfQ', 'cursor=not-base64!!']) {
        add(`query ${query.slice(0, 40)}`, { path: `${validPath}?${query}`, mustFail: false });
      }
    }

    if (!takesBody) return requests;
    const json = { ...auth, 'content-type': 'application/json' };

    // Bodies that are not JSON, or not in the media type the route takes.
    for (const text of MALFORMED_JSON) add(`malformed JSON ${JSON.stringify(text)}`, { headers: json, body: text, mustFail: true });
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/csv', 'application/json; charset=latin1'].filter((type) => type.split(';')[0] !== mediaType)) {
      add(`content type ${type}`, { headers: { ...auth, 'content-type': type }, body: 'a=1', mustFail: !type.startsWith('application/json') });
    }
    // (A Buffer body: fetch would label a string text/plain.)
    add('a body without a content type', { headers: { ...auth }, body: Buffer.from('{"a":1}'), mustFail: true });
    // Larger than the 8 MiB limit.
    add('a 9 MiB body', { headers: { ...auth, 'content-type': mediaType }, body: `{"a":"${'x'.repeat(9 * 1024 * 1024)}"}`, mustFail: mediaType !== 'text/csv' });
    // Not UTF-8.
    add('invalid UTF-8 in a JSON string', { headers: { ...auth, 'content-type': mediaType }, body: INVALID_UTF8(JSON.stringify(template ?? { a: 'b' })), mustFail: mediaType === 'application/json' });

    if (mediaType !== 'application/json') {
      // Form and CSV routes: garbage in their own media type.
      for (const text of ['', '%FF=%FE', 'a'.repeat(10_000), '\u0000,\u0000\n', 'phone\n"unterminated', `${LONG},${LONG}\n`]) {
        add(`${mediaType} garbage`, { headers: { ...auth, 'content-type': mediaType }, body: text, mustFail: mediaType !== 'text/csv' });
      }
      return requests;
    }

    // JSON of the wrong shape.
    // A JSON null is taken for "no body" (Nest's validation pipe does so), which routes whose
    // body is optional accept; every other shape is refused.
    for (const text of ['[]', '"text"', '123', 'null', 'true', '[{}]']) {
      add(`a JSON ${text} body`, { headers: json, body: text, mustFail: Boolean(template) && !(text === 'null' && OPTIONAL_BODY.has(key)) });
    }
    if (template) {
      add('missing every field', { headers: json, body: '{}', mustFail: !OPTIONAL_BODY.has(key) });
      add('an unknown field', { headers: json, body: JSON.stringify({ ...template, unexpected: 1 }), mustFail: key !== 'PUT /v1/accounts/:accountId/compliance' });
      for (const [field, value] of Object.entries(template)) {
        const without = { ...template };
        delete without[field];
        add(`${field} missing`, { headers: json, body: JSON.stringify(without), mustFail: REQUIRED_FIELDS[key]?.includes(field) ?? false });
        for (const [what, wrong] of [['a number', 123], ['a boolean', true], ['an array', ['x']], ['an object', { x: 1 }], ['10 000 characters', LONG], ['null', null]] as const) {
          // A wrong type for a field that holds a string, number, array or object is refused.
          const mustFail = wrong !== null && typeOfValue(wrong) !== typeOfValue(value);
          add(`${field} ${what}`, { headers: json, body: JSON.stringify({ ...template, [field]: wrong }), mustFail: mustFail || (what === '10 000 characters' && typeof value === 'string') });
        }
        if (PHONE_FIELDS.has(field)) {
          for (const notPhone of NOT_PHONE_NUMBERS) add(`${field} ${JSON.stringify(notPhone)}`, { headers: json, body: JSON.stringify({ ...template, [field]: notPhone }), mustFail: true });
        }
      }
      if ('accountId' in template) {
        add('an unknown account', { headers: json, body: JSON.stringify({ ...template, accountId: randomUUID() }), mustFail: true });
        add('an account id that is no UUID', { headers: json, body: JSON.stringify({ ...template, accountId: 'acme' }), mustFail: true });
      }
      if ('messages' in template) {
        const [message] = template.messages as Array<Record<string, unknown>>;
        for (const notPhone of NOT_PHONE_NUMBERS) {
          add(`messages[0].from ${JSON.stringify(notPhone)}`, { headers: json, body: JSON.stringify({ messages: [{ ...message, from: notPhone }] }), mustFail: false });
        }
        add('1001 messages', { headers: json, body: JSON.stringify({ messages: Array.from({ length: 1001 }, () => message) }), mustFail: true });
        add('no messages', { headers: json, body: JSON.stringify({ messages: [] }), mustFail: true });
      }
      if ('phones' in template) {
        for (const notPhone of NOT_PHONE_NUMBERS) add(`phones[0] ${JSON.stringify(notPhone)}`, { headers: json, body: JSON.stringify({ phones: [notPhone] }), mustFail: true });
        add('1001 phones', { headers: json, body: JSON.stringify({ phones: Array.from({ length: 1001 }, () => '+12025550188') }), mustFail: true });
      }
    }
    return requests;
  }

  /** Generated JSON bodies: random values, and the route's own fields holding random values. */
  function generatedRequestsFor(route: CatalogueRoute, count: number, seed: number): BadRequest[] {
    const key = `${route.method} ${route.path}`;
    const token = tokenFor(route);
    const template = templates(suite.receiver.url('/crm/x'), suite.acme)[key]?.json ?? {};
    const fields = Object.keys(template);
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const body = fields.length > 0 ? fc.oneof(anyJson, fc.dictionary(fc.constantFrom(...fields), anyJson, { maxKeys: fields.length }), fc.record(Object.fromEntries(fields.map((field) => [field, anyJson])))) : anyJson;
    return fc.sample(body, { numRuns: count, seed }).map((value) => ({
      what: `generated body ${JSON.stringify(value).slice(0, 120)}`,
      route: key,
      method: route.method,
      path: fillPath(route.path, routeParamsOf(suite.acme)),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: JSON.stringify(value),
      mustFail: false,
    }));
  }

  it('answers every bad request with a 4xx in the error shape, never a 5xx, and keeps serving', async () => {
    const requests = suite.routes.flatMap((route) => badRequestsFor(route));
    const bodyRoutes = suite.routes.filter((route) => ['POST', 'PUT', 'PATCH'].includes(route.method) && mediaTypeOf(route) === 'application/json');
    requests.push(...bodyRoutes.flatMap((route, i) => generatedRequestsFor(route, 120, 1000 + i)));
    expect(requests.length).toBeGreaterThan(2000);

    const anomalies: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < requests.length) {
          const request = requests[next++];
          const response = await fetch(`${suite.system.baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const problem = judge(request, response.status, text);
          if (problem) anomalies.push(`${request.route} — ${request.what}: ${problem}`);
        }
      }),
    );
    process.stdout.write(`\nbad input: ${requests.length} requests over ${suite.routes.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`);
    expect(anomalies).toEqual([]);

    // Still serving: a good STOP is accepted and blocks the number.
    const stop = await suite.system.request('POST', '/v1/inbound', {
      token: suite.acme.apiKey,
      json: { accountId: suite.acme.id, messageId: 'after-the-storm', from: '+12025550299', to: '+12025550100', body: 'STOP' },
    });
    expect(stop.status).toBe(202);
    await waitFor(
      'the good STOP to block its number',
      async () => ((await gateAnswer(suite.system, suite.acme, '+12025550299'))?.allowed === false ? true : undefined),
      { timeoutMs: 15_000, intervalMs: 100 },
    );
  }, 300_000);
});

/** Routes whose whole body is optional: `{}` is a valid request. */
const OPTIONAL_BODY = new Set([
  'PATCH /v1/accounts/:accountId/webhooks/:id',
  'POST /v1/accounts/:accountId/webhooks/:id/rotate-secret',
  'PUT /v1/accounts/:accountId/compliance',
  'PUT /v1/accounts/:accountId/blocklist/:phone',
]);

/** Fields without which the template is refused. */
const REQUIRED_FIELDS: Record<string, string[]> = {
  'POST /v1/accounts': ['name'],
  'POST /v1/inbound': ['accountId', 'messageId', 'from', 'to', 'body'],
  'POST /v1/inbound/batch': ['messages'],
  'POST /v1/gate/:accountId/check': ['phones'],
  'POST /v1/accounts/:accountId/webhooks': ['url'],
  'PUT /v1/accounts/:accountId/reply-transport': ['type', 'url'],
  'POST /v1/accounts/:accountId/compliance/classify': ['from', 'body'],
};

function typeOfValue(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/** What is wrong with an answer, or null. */
function judge(request: BadRequest, status: number, text: string): string | null {
  if (status >= 500) return `answered ${status} ${text.slice(0, 300)}`;
  if (status < 400) return request.mustFail ? `answered ${status} to a request that must be refused: ${text.slice(0, 200)}` : null;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return `answered ${status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  const error = body?.error;
  if (typeof error?.code !== 'string' || error.code === '' || typeof error.message !== 'string' || error.message === '' || !Array.isArray(error.details)) {
    return `answered ${status} without the error shape: ${text.slice(0, 200)}`;
  }
  return null;
}
