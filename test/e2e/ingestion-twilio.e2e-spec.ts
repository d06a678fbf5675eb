import { twilioSignature } from '../../apps/gateway/src/carriers/twilio-signature.util';
import { HttpReceiver } from '../support/http-receiver';
import { RunningSystem } from '../support/running-system';
import { waitFor } from '../support/wait-for';
import { gateAnswer } from '../support/gate';
import { stopAfterAll } from '../support/stop-after-all';

/** Twilio's inbound-SMS webhook, as Twilio sends it: form-encoded, signed with the account's auth token. */
describe('Twilio inbound webhook', () => {
  const authToken = 'twilio-auth-token-0123456789abcdef';
  const publicBaseUrl = 'https://optout.example.com';
  let system: RunningSystem;
  let fakeTwilio: HttpReceiver;
  let account: { id: string; apiKey: string };

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    system = stopLater(await RunningSystem.start({ PUBLIC_BASE_URL: publicBaseUrl }));
    fakeTwilio = stopLater(await new HttpReceiver().start());
    account = await system.createAccount();
    const transport = await system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, {
      token: account.apiKey,
      json: { type: 'twilio', accountSid: `AC${'a'.repeat(32)}`, authToken, baseUrl: fakeTwilio.url('') },
    });
    expect(transport.status).toBe(200);
  });

  const twilioPost = (params: Record<string, string>, options: { signature?: string | null; accountId?: string; token?: string } = {}) => {
    const path = `/v1/carriers/twilio/${options.accountId ?? account.id}`;
    const signature = options.signature === undefined ? twilioSignature(options.token ?? authToken, `${publicBaseUrl}${path}`, params) : options.signature;
    return fetch(`${system.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
      body: new URLSearchParams(params).toString(),
    });
  };
  const sms = (sid: string, from: string, body: string) => ({
    MessageSid: sid,
    SmsSid: sid,
    AccountSid: `AC${'a'.repeat(32)}`,
    From: from,
    To: '+12025550100',
    Body: body,
    NumMedia: '0',
    FromCountry: 'US',
    ApiVersion: '2010-04-01',
  });

  it('answers an empty TwiML response once queued, and the STOP blocks the number', async () => {
    const response = await twilioPost(sms(`SM${'1'.repeat(32)}`, '+12025550401', 'Stop'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    await waitFor('the number to be blocked', async () => ((await gateAnswer(system, account, '+12025550401')).allowed === false ? true : undefined));
    await waitFor('the confirmation through the Twilio Messages API', () => (fakeTwilio.requests.length > 0 ? true : undefined));
  });

  it('refuses a missing or wrong signature with 403 and queues nothing', async () => {
    const unsigned = await twilioPost(sms(`SM${'2'.repeat(32)}`, '+12025550402', 'STOP'), { signature: null });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    const forged = await twilioPost(sms(`SM${'2'.repeat(32)}`, '+12025550402', 'STOP'), { signature: twilioSignature('not-the-token', 'x', {}) });
    expect(forged.status).toBe(403);
    await system.waitUntilQueuesDrain();
    expect((await gateAnswer(system, account, '+12025550402')).status).toBe('unknown');
  });

  it('answers 404 for an unknown account and 400 for a message without MessageSid', async () => {
    expect((await twilioPost(sms(`SM${'3'.repeat(32)}`, '+12025550403', 'STOP'), { accountId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const { MessageSid: _omitted, ...withoutSid } = sms('x', '+12025550403', 'STOP');
    const response = await twilioPost(withoutSid);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { details: Array<{ field: string }> } }).error.details[0].field).toBe('MessageSid');
  });

  it('applies a MessageSid delivered twice once', async () => {
    const params = sms(`SM${'4'.repeat(32)}`, '+12025550404', 'STOP');
    expect((await twilioPost(params)).status).toBe(200);
    expect((await twilioPost(params)).status).toBe(200);
    await system.waitUntilQueuesDrain();
    expect(await system.sql('SELECT 1 FROM consent_events WHERE account_id = $1 AND phone = $2', [account.id, '+12025550404'])).toHaveLength(1);
  });

  it('takes a message signed with an auth token changed a moment ago, and no longer the old one', async () => {
    // The gateway caches the token (30 s); a signature that does not match makes it ask again.
    expect((await twilioPost(sms(`SM${'5'.repeat(32)}`, '+12025550405', 'HELP'))).status).toBe(200);
    const rotated = 'twilio-auth-token-rotated-0123456789';
    const put = await system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, {
      token: account.apiKey,
      json: { type: 'twilio', accountSid: `AC${'a'.repeat(32)}`, authToken: rotated, baseUrl: fakeTwilio.url('') },
    });
    expect(put.status).toBe(200);
    expect((await twilioPost(sms(`SM${'6'.repeat(32)}`, '+12025550406', 'STOP'), { token: rotated })).status).toBe(200);
    expect((await twilioPost(sms(`SM${'7'.repeat(32)}`, '+12025550407', 'STOP'))).status).toBe(403);
    await waitFor('the number to be blocked', async () => ((await gateAnswer(system, account, '+12025550406')).allowed === false ? true : undefined));
  });
});
