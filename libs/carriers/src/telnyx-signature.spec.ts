import { generateKeyPairSync, sign } from 'node:crypto';
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { telnyxPublicKeyOf, verifyTelnyxSignature } from './telnyx-signature';

describe("Telnyx's webhook signature", () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // What Telnyx's portal shows: base64 of the raw 32 bytes (the JWK's x, re-encoded).
  const portalKey = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('base64');
  const body = JSON.stringify({ data: { event_type: 'message.received', id: 'e1', payload: { id: 'm1', text: 'STOP' } }, meta: { attempt: 1 } });
  const now = 1_780_000_000_000;
  const timestamp = String(Math.floor(now / 1000));
  const signatureOf = (payload: string, at = timestamp) => sign(null, Buffer.from(`${at}|${payload}`), privateKey).toString('base64');

  it('reads the key as the portal shows it, and refuses what is not one', () => {
    expect(telnyxPublicKeyOf(portalKey)).not.toBeNull();
    expect(telnyxPublicKeyOf('not a key')).toBeNull();
    expect(telnyxPublicKeyOf(Buffer.alloc(16).toString('base64'))).toBeNull();
  });

  it('accepts what the official SDK accepts', async () => {
    const headers = { 'telnyx-signature-ed25519': signatureOf(body), 'telnyx-timestamp': String(Math.floor(Date.now() / 1000)) };
    headers['telnyx-signature-ed25519'] = signatureOf(body, headers['telnyx-timestamp']);
    await expect(new TelnyxWebhook(portalKey).verify(body, headers)).resolves.toBeUndefined();
    const key = telnyxPublicKeyOf(portalKey)!;
    expect(verifyTelnyxSignature(key, body, { signature: headers['telnyx-signature-ed25519'], timestamp: headers['telnyx-timestamp'] })).toEqual({ valid: true });
  });

  it('refuses a missing, malformed, tampered or stale signature, naming why', () => {
    const key = telnyxPublicKeyOf(portalKey)!;
    const valid = signatureOf(body);
    expect(verifyTelnyxSignature(key, body, { signature: valid, timestamp }, now).valid).toBe(true);
    const reasonOf = (raw: string, signature: string | undefined, at: string | undefined, clock = now) => {
      const verdict = verifyTelnyxSignature(key, raw, { signature, timestamp: at }, clock);
      return verdict.valid ? 'valid' : verdict.reason;
    };
    expect(reasonOf(body, undefined, timestamp)).toMatch(/telnyx-signature-ed25519 header is missing/);
    expect(reasonOf(body, valid, undefined)).toMatch(/telnyx-timestamp header is missing/);
    expect(reasonOf(body, 'abc', timestamp)).toMatch(/not a base64 Ed25519 signature/);
    expect(reasonOf(body.replace('STOP', 'STAR'), valid, timestamp)).toMatch(/does not match/);
    expect(reasonOf(body, valid, String(Number(timestamp) + 1))).toMatch(/does not match/);
    expect(reasonOf(body, signatureOf(body, String(Number(timestamp) - 301)), String(Number(timestamp) - 301))).toMatch(/more than 5 minutes/);
    expect(reasonOf(body, signatureOf(body, String(Number(timestamp) - 299)), String(Number(timestamp) - 299))).toBe('valid');
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(reasonOf(body, sign(null, Buffer.from(`${timestamp}|${body}`), other).toString('base64'), timestamp)).toMatch(/does not match/);
  });
});
