import type { ReplyJob } from '@optout/contracts';
import { httpReplyRequest, telnyxMessageQuery, telnyxReplyRequest, twilioReplyRequest, twilioSentMessagesQuery } from './reply-request.util';

const reply: ReplyJob = {
  v: 1,
  eventId: '0d6c1f8e-3f7b-4a53-9b0e-1c2d3e4f5a6b',
  accountId: '5b1d0a44-7e2a-4c1b-8d3e-9f0a1b2c3d4e',
  kind: 'optOut',
  to: '+12025550199',
  from: '+12025550100',
  body: 'Acme: you are unsubscribed & will get no more texts. Reply START to resubscribe.',
  correlationId: 'c-1',
};

describe('twilioReplyRequest', () => {
  const credentials = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'tok3n', baseUrl: null };

  it("posts to Twilio's Messages API with basic auth and form-encoded To/From/Body", () => {
    const request = twilioReplyRequest(credentials, reply);
    expect(request.url).toBe('https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json');
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ To: reply.to, From: reply.from, Body: reply.body });
    expect(Buffer.from(request.headers.authorization.replace('Basic ', ''), 'base64').toString()).toBe('AC0123456789abcdef0123456789abcdef:tok3n');
  });

  it('uses the account’s base URL when it has one, with or without a trailing slash', () => {
    expect(twilioReplyRequest({ ...credentials, baseUrl: 'http://127.0.0.1:4010/' }, reply).url).toBe(
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json',
    );
  });
});

describe('twilioSentMessagesQuery', () => {
  it('lists what the business number sent the subscriber, with the same credentials', () => {
    const credentials = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'tok3n', baseUrl: 'http://127.0.0.1:4010' };
    const query = twilioSentMessagesQuery(credentials, reply);
    const url = new URL(query.url);
    expect(url.pathname).toBe('/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json');
    expect(Object.fromEntries(url.searchParams)).toEqual({ To: reply.to, From: reply.from, PageSize: '50' });
    expect(query.headers.authorization).toBe(twilioReplyRequest(credentials, reply).headers.authorization);
  });
});

describe('httpReplyRequest', () => {
  it('posts the reply as JSON with the event id as idempotency key', () => {
    const request = httpReplyRequest('https://sms.example.com/send', reply);
    expect(JSON.parse(request.body)).toEqual({ to: reply.to, from: reply.from, body: reply.body, accountId: reply.accountId, kind: 'optOut', eventId: reply.eventId });
    expect(request.headers['idempotency-key']).toBe(reply.eventId);
  });
});

describe('with a Messaging Service', () => {
  it('sends MessagingServiceSid in addition to From, the number the subscriber texted', () => {
    const credentials = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'tok3n', baseUrl: null, messagingServiceSid: `MG${'1'.repeat(32)}` };
    expect(Object.fromEntries(new URLSearchParams(twilioReplyRequest(credentials, reply).body))).toEqual({ To: reply.to, From: reply.from, Body: reply.body, MessagingServiceSid: `MG${'1'.repeat(32)}` });
  });
});

describe('telnyxReplyRequest', () => {
  it("posts JSON to Telnyx's /v2/messages with the API key as Bearer, and looks messages up by id", () => {
    const credentials = { apiKey: 'KEYabc', messagingProfileId: 'profile-1', baseUrl: 'http://127.0.0.1:4020/' };
    const request = telnyxReplyRequest(credentials, reply);
    expect(request.url).toBe('http://127.0.0.1:4020/v2/messages');
    expect(request.headers.authorization).toBe('Bearer KEYabc');
    expect(JSON.parse(request.body)).toEqual({ from: reply.from, to: reply.to, text: reply.body, messaging_profile_id: 'profile-1' });
    expect(JSON.parse(telnyxReplyRequest({ ...credentials, messagingProfileId: null }, reply).body)).toEqual({ from: reply.from, to: reply.to, text: reply.body });
    expect(telnyxReplyRequest({ ...credentials, baseUrl: null }, reply).url).toBe('https://api.telnyx.com/v2/messages');
    expect(telnyxMessageQuery(credentials, 'a/b').url).toBe('http://127.0.0.1:4020/v2/messages/a%2Fb');
  });
});
