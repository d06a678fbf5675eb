import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks';
import { publicUrlOf } from './public-url.util';
import { isValidTwilioSignature, portVariantsOf, twilioSignature } from './twilio-signature.util';

describe('Twilio request signature', () => {
  // The worked example of Twilio's security documentation.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675310', Digits: '1234', From: '+14158675310', To: '+18005551212' };

  it("matches Twilio's documented example and the official SDK", () => {
    expect(twilioSignature('12345', url, params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(twilioSignature('12345', url, params)).toBe(getExpectedTwilioSignature('12345', url, params));
  });

  it('refuses a missing, wrong or tampered signature', () => {
    expect(isValidTwilioSignature('12345', url, params, 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(true);
    expect(isValidTwilioSignature('12345', url, params, undefined)).toBe(false);
    expect(isValidTwilioSignature('54321', url, params, 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(false);
    expect(isValidTwilioSignature('12345', url, { ...params, Digits: '9999' }, 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(false);
    expect(isValidTwilioSignature('12345', 'http://mycompany.com/myapp.php?foo=1&bar=2', params, 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(false);
  });

  // The SDK accepts a signature made over the URL with or without the scheme's default port; so do we.
  it.each([
    ['signed with :443, received without', 'https://optout.example.com:443/v1/carriers/twilio/a', 'https://optout.example.com/v1/carriers/twilio/a'],
    ['signed without, received with :443', 'https://optout.example.com/v1/carriers/twilio/a', 'https://optout.example.com:443/v1/carriers/twilio/a'],
    ['signed with :80, received without', 'http://optout.example.com:80/v1/carriers/twilio/a?x=1', 'http://optout.example.com/v1/carriers/twilio/a?x=1'],
    ['IPv6 literal with its port', 'https://[2001:db8::1]/hook', 'https://[2001:db8::1]:443/hook'],
  ])('%s: accepted as the SDK accepts it', (_case, signedUrl, receivedUrl) => {
    const signature = getExpectedTwilioSignature('token-0123456789', signedUrl, params);
    expect(validateRequest('token-0123456789', signature, receivedUrl, params)).toBe(true);
    expect(isValidTwilioSignature('token-0123456789', receivedUrl, params, signature)).toBe(true);
  });

  it('keeps the path and query byte for byte in both variants', () => {
    expect(portVariantsOf("https://h.example/a%20b?q='x'")).toEqual(["https://h.example/a%20b?q='x'", "https://h.example:443/a%20b?q='x'"]);
    expect(portVariantsOf('https://h.example:8443/p')).toEqual(['https://h.example/p', 'https://h.example:8443/p']);
  });
});

describe('the URL Twilio called', () => {
  const request = (headers: Record<string, string>, protocol = 'http') => ({ url: '/v1/carriers/twilio/a?x=1', protocol, hostname: 'internal:3000', headers });

  it('is PUBLIC_BASE_URL and the path when it is set, whatever the headers say', () => {
    expect(publicUrlOf('https://optout.example.com', request({ host: 'internal:3000', 'x-forwarded-proto': 'http' }))).toBe('https://optout.example.com/v1/carriers/twilio/a?x=1');
  });

  it('takes the first X-Forwarded-Proto (the proxy facing Twilio), not the last', () => {
    expect(publicUrlOf(null, request({ host: 'optout.example.com', 'x-forwarded-proto': 'https, http' }, 'http'))).toBe('https://optout.example.com/v1/carriers/twilio/a?x=1');
    expect(publicUrlOf(null, request({ host: 'optout.example.com', 'x-forwarded-proto': 'https,http,http' }, 'http'))).toBe('https://optout.example.com/v1/carriers/twilio/a?x=1');
  });

  it('falls back to the connection scheme without X-Forwarded-Proto, or with a value that is no scheme', () => {
    expect(publicUrlOf(null, request({ host: 'optout.example.com' }, 'http'))).toBe('http://optout.example.com/v1/carriers/twilio/a?x=1');
    expect(publicUrlOf(null, request({ host: 'optout.example.com', 'x-forwarded-proto': 'gopher' }, 'https'))).toBe('https://optout.example.com/v1/carriers/twilio/a?x=1');
  });
});
