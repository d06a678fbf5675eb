import { FakeTwilio } from '../support/fake-twilio';
import { createAccountThrough } from '../support/gateway-request';
import { InboundLoad } from '../support/inbound-load';
import { ProcessSuite } from '../support/process-suite';
import { ProcessTopology } from '../support/process-topology';
import { stopAfterAll } from '../support/stop-after-all';
import { waitFor } from '../support/wait-for';

/**
 * A dispatcher killed (SIGKILL) while a confirmation is on its way to Twilio, in the two
 * ways that can end: Twilio had taken the text but its answer never came back, or the request
 * never arrived. Twilio's API has no idempotency key, so a blind retry of the first would text
 * the subscriber twice and skipping the second would leave them unconfirmed. After the
 * restart the job looks the text up at Twilio first: each subscriber gets exactly one text.
 *
 * Slow by nature: the killed dispatcher's job lock lives 30 s and stalled jobs are looked for
 * every 30 s, so the retry comes up to a minute after the kill.
 */
describe('a confirmation interrupted by a dispatcher crash', () => {
  let suite: ProcessSuite;
  let topology: ProcessTopology;
  const answerLost = new FakeTwilio('AC' + 'a'.repeat(32), 'token-answer-lost');
  const neverArrived = new FakeTwilio('AC' + 'b'.repeat(32), 'token-never-arrived');

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    suite = stopLater(await ProcessSuite.start({ ownRedis: true }));
    stopLater(await answerLost.start());
    stopLater(await neverArrived.start());
    topology = await suite.startTopology(
      { classifier: 1, blocklist: 1, dispatcher: 1 },
      // Longer than the test waits: the held requests are ended by the kill, not by a timeout.
      { ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true', WEBHOOK_TIMEOUT_MS: '120000' },
    );
  }, 120_000);

  const api = (method: string, path: string, token: string, json: unknown) => topology.request(method, path, token, json);

  /** An account whose confirmations go to `twilio`, and a STOP from `subscriber` to it. */
  const stopThrough = async (twilio: FakeTwilio, subscriber: string) => {
    const account = await createAccountThrough(topology.baseUrl, `Interrupted ${twilio.accountSid.slice(-4)}`);
    const transport = { type: 'twilio', accountSid: twilio.accountSid, authToken: twilio.authToken, baseUrl: twilio.baseUrl };
    expect((await api('PUT', `/v1/accounts/${account.id}/reply-transport`, account.apiKey, transport)).status).toBe(200);
    const sent = await new InboundLoad(() => topology.baseUrl, account.apiKey).send([{ accountId: account.id, messageId: `stop-${subscriber}`, from: subscriber, to: '+12025550100', body: 'STOP' }], { single: true });
    expect(sent.status).toBe(202);
    return account;
  };

  const replyOf = async (accountId: string) => {
    const [reply] = await suite.sql<{ id: string; status: string; provider_message_id: string | null; attempt_started_at: Date | null }>(
      'SELECT id, status, provider_message_id, attempt_started_at FROM reply_deliveries WHERE account_id = $1',
      [accountId],
    );
    return reply;
  };

  it('sends each subscriber exactly one text, whether Twilio had taken it or not', async () => {
    answerLost.holdNext = ['after_recording'];
    neverArrived.holdNext = ['before_recording'];
    const [lostAnswerAccount, notArrivedAccount] = [await stopThrough(answerLost, '+12025550111'), await stopThrough(neverArrived, '+12025550122')];

    // Both sends are at Twilio, unanswered; the in-flight mark is in the database.
    await waitFor('both confirmations to be in flight', async () => (answerLost.held === 1 && neverArrived.held === 1 ? true : undefined), { timeoutMs: 30_000 });
    expect((await replyOf(lostAnswerAccount.id)).attempt_started_at).not.toBeNull();
    expect(answerLost.messages).toHaveLength(1);
    expect(neverArrived.messages).toHaveLength(0);

    const [dispatcher] = topology.workers.filter((worker) => worker.app === 'dispatcher');
    await topology.kill(dispatcher);
    await waitFor('the held requests to be cut off', async () => (answerLost.held === 0 && neverArrived.held === 0 ? true : undefined), { timeoutMs: 10_000 });
    topology.restart(dispatcher);
    await topology.waitUntilRunning(dispatcher);

    const [lost, notArrived] = await waitFor(
      'both replies to be settled after the restart',
      async () => {
        const replies = [await replyOf(lostAnswerAccount.id), await replyOf(notArrivedAccount.id)];
        return replies.every((reply) => reply.status === 'succeeded') ? replies : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 500 },
    );

    // Answer lost: found at Twilio, not sent again.
    expect(answerLost.messages).toHaveLength(1);
    expect(answerLost.listRequests).toBe(1);
    expect(lost.provider_message_id).toBe(answerLost.messages[0].sid);
    // Never arrived: looked for, not found, sent.
    expect(neverArrived.messages).toHaveLength(1);
    expect(neverArrived.listRequests).toBe(1);
    expect(notArrived.provider_message_id).toBe(neverArrived.messages[0].sid);

    const attempts = await suite.sql<{ reply: string; status: string; response_code: number | null; error: string | null }>(
      'SELECT reply_delivery_id AS reply, status, response_code, error FROM delivery_attempts WHERE reply_delivery_id = ANY($1) ORDER BY attempt',
      [[lost.id, notArrived.id]],
    );
    expect(attempts.filter((attempt) => attempt.reply === lost.id)).toEqual([
      { reply: lost.id, status: 'succeeded', response_code: null, error: expect.stringMatching(/interrupted attempt had been sent .* not sent again/) },
    ]);
    expect(attempts.filter((attempt) => attempt.reply === notArrived.id)).toEqual([{ reply: notArrived.id, status: 'succeeded', response_code: 201, error: null }]);
    expect([lost.attempt_started_at, notArrived.attempt_started_at]).toEqual([null, null]);
  }, 300_000);
});
