import { Webhook } from 'standardwebhooks';
import { signWebhook } from './webhook-signature.util';

describe('signWebhook', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

  it('produces a signature the standardwebhooks library verifies', () => {
    const body = JSON.stringify({ type: 'consent.opted_out', data: { phone: '+12025550199' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook([secret], 'msg_1', timestamp, body) };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('sends one signature per secret during a rotation', () => {
    const signature = signWebhook([secret, 'whsec_b3RoZXItc2VjcmV0LWtleS0xMjM0NQ=='], 'msg_1', 1, '{}');
    expect(signature.split(' ')).toHaveLength(2);
    expect(signature.split(' ').every((part) => part.startsWith('v1,'))).toBe(true);
  });
});
