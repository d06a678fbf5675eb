import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { signingSecretsOf, signWebhook } from './webhook-signature.util';

describe('signWebhook', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const other = 'whsec_b3RoZXItc2VjcmV0LWtleS0xMjM0NQ==';

  it('produces a signature the standardwebhooks library verifies', () => {
    const body = JSON.stringify({ type: 'consent.opted_out', data: { phone: '+12025550199' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook([secret], 'msg_1', timestamp, body) };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('matches the scheme written in docs/webhooks.md: HMAC-SHA256 of id.timestamp.body with the base64-decoded key', () => {
    const expected = createHmac('sha256', Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64')).update('msg_1.1700000000.{}').digest('base64');
    expect(signWebhook([secret], 'msg_1', 1_700_000_000, '{}')).toBe(`v1,${expected}`);
  });

  it('sends one signature per secret during a rotation, each verifiable on its own', () => {
    const body = '{"type":"consent.opted_in"}';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signWebhook([secret, other], 'msg_2', timestamp, body);
    expect(signature.split(' ')).toHaveLength(2);
    expect(signature.split(' ').every((part) => part.startsWith('v1,'))).toBe(true);
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(other).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook('whsec_dW5yZWxhdGVkLXNlY3JldC0wMDAwMDA=').verify(body, headers)).toThrow();
  });
});

describe('signingSecretsOf', () => {
  const now = new Date('2026-11-26T12:00:00Z');

  it('signs with the current secret alone outside a rotation', () => {
    expect(signingSecretsOf({ secret: 'whsec_new', previousSecret: null, previousSecretExpiresAt: null }, now)).toEqual(['whsec_new']);
  });

  it('adds the previous secret until its grace period ends', () => {
    const rotating = { secret: 'whsec_new', previousSecret: 'whsec_old', previousSecretExpiresAt: new Date('2026-11-27T12:00:00Z') };
    expect(signingSecretsOf(rotating, now)).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecretsOf(rotating, new Date('2026-11-27T12:00:00Z'))).toEqual(['whsec_new']);
  });
});

describe('the plain-crypto verifier in docs/webhooks.md', () => {
  /** The snippet as the documentation shows it, so that the page cannot drift from what we send. */
  function documentedVerifier(): (secret: string, headers: Record<string, string>, rawBody: string) => unknown {
    const page = readFileSync(resolve(__dirname, '../../../docs/webhooks.md'), 'utf8');
    const section = page.slice(page.indexOf("With Node's `crypto` alone"));
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    if (!code) throw new Error('docs/webhooks.md has no plain-crypto snippet');
    return new Function('require', `${code}\nreturn verifyOptoutWebhook;`)(require);
  }

  it('accepts what we sign, with one secret or two, and refuses what we did not', () => {
    const verify = documentedVerifier();
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const previous = 'whsec_b3RoZXItc2VjcmV0LWtleS0xMjM0NQ==';
    const body = '{"type":"consent.opted_out","data":{"phone":"+12025550199"}}';
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = (secrets: string[], at = timestamp) => ({
      'webhook-id': 'c9a1f7e2-0b3d-4c5e-8f6a-7b8c9d0e1f2a',
      'webhook-timestamp': String(at),
      'webhook-signature': signWebhook(secrets, 'c9a1f7e2-0b3d-4c5e-8f6a-7b8c9d0e1f2a', at, body),
    });
    expect(verify(secret, headers([secret]), body)).toEqual(JSON.parse(body));
    expect(verify(previous, headers([secret, previous]), body)).toEqual(JSON.parse(body));
    expect(() => verify(secret, headers([previous]), body)).toThrow('no valid signature');
    expect(() => verify(secret, headers([secret]), body.replace('0199', '0198'))).toThrow('no valid signature');
    expect(() => verify(secret, headers([secret], timestamp - 600), body)).toThrow('timestamp');
  });
});
