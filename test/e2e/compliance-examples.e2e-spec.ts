import examples from '../fixtures/compliance-examples.json';
import { waitFor } from '../support/wait-for';
import { suiteFixture } from '../support/suite-fixture';
import { startWiredAccount } from '../support/wired-account';

interface Example {
  from: string;
  body: string;
  kind: 'optOut' | 'optIn' | 'help' | null;
  language: string | null;
  reply: string | null;
}

const cases = examples.cases as Example[];

/**
 * Every worked example of the product spec (test/fixtures/compliance-examples.json), run twice:
 * through the dry run, and through the real pipeline — POST /v1/inbound → classifier →
 * blocklist → ledger rows and replies received by an HTTP reply transport.
 */
describe('the compliance examples', () => {
  const suite = suiteFixture(async (stopLater) => {
    const wired = await startWiredAccount(stopLater, 'Bloom Florist', { webhook: false });
    const saved = await wired.system.request('PUT', `/v1/accounts/${wired.account.id}/compliance`, { token: wired.account.apiKey, json: examples.profile });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    return wired;
  });

  describe('through the dry run', () => {
    it.each(cases.map((example, index) => [index, example.body, example.from, example] as const))('#%i %j from %s', async (_index, _body, _from, example) => {
      const response = await suite.system.request('POST', `/v1/accounts/${suite.account.id}/compliance/classify`, {
        token: suite.account.apiKey,
        json: { from: example.from, to: '+12025550100', body: example.body },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ kind: example.kind, language: example.language, reply: example.reply, profileVersion: 1 });
      if (example.reply) expect(response.body.replySegments).toMatchObject({ segments: 1 });
    });
  });

  describe('through the real pipeline', () => {
    /**
     * Each example from a subscriber of its own in the same country (the number's last two
     * digits changed): the examples reuse one number, and the loop guard would rightly hold
     * back a second confirmation of a kind to it within ten minutes.
     */
    const subscriberOf = (example: Example, index: number) => `${example.from.slice(0, -2)}${String(10 + index)}`;

    it('records every match in the ledger and sends the reply of the example, and nothing for the rest', async () => {
      for (const [index, example] of cases.entries()) {
        const response = await suite.system.request('POST', '/v1/inbound', {
          token: suite.account.apiKey,
          json: { accountId: suite.account.id, messageId: `example-${index}`, from: subscriberOf(example, index), to: '+12025550100', body: example.body },
        });
        expect(response.status).toBe(202);
      }
      const matching = cases.filter((example) => example.kind !== null);
      await waitFor('one reply per matching example', () => (suite.receiver.on('/sms').length >= matching.length ? true : undefined), { timeoutMs: 15_000 });
      await suite.system.waitUntilQueuesDrain(15_000);

      const rows = await suite.system.sql<{ source_message_id: string; kind: string; language: string | null; profile_version: number }>(
        'SELECT source_message_id, kind, language, profile_version FROM consent_events WHERE account_id = $1',
        [suite.account.id],
      );
      const byMessage = new Map(rows.map((row) => [row.source_message_id, row]));
      const replies = suite.receiver.on('/sms').map((request) => request.json as { to: string; body: string; kind: string });
      expect(replies).toHaveLength(matching.length);

      for (const [index, example] of cases.entries()) {
        const row = byMessage.get(`example-${index}`);
        const reply = replies.find((candidate) => candidate.to === subscriberOf(example, index));
        if (example.kind === null) {
          expect({ index, row, reply }).toEqual({ index, row: undefined, reply: undefined });
          continue;
        }
        expect({ index, row }).toEqual({ index, row: { source_message_id: `example-${index}`, kind: example.kind, language: example.language, profile_version: 1 } });
        expect({ index, reply }).toEqual({ index, reply: expect.objectContaining({ kind: example.kind, body: example.reply }) });
      }
    });
  });
});
