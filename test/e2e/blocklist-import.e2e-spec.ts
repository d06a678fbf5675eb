import { GateCache } from '@optout/gate';
import { HttpReceiver } from '../support/http-receiver';
import { RunningSystem } from '../support/running-system';
import { gateAnswer } from '../support/gate';
import { stopAfterAll } from '../support/stop-after-all';
import { startWiredAccount } from '../support/wired-account';

/**
 * CSV import and export of the block list (issue 9): row errors reported without failing the
 * other rows, re-import changes nothing, receivedAt ordering against texts, the gate cache
 * kept right (also after a failed cache write), and streamed exports that import back.
 */
describe('block list import and export', () => {
  let system: RunningSystem;
  let receiver: HttpReceiver;
  let account: { id: string; apiKey: string };
  let keyId: string;

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    ({ system, receiver, account } = await startWiredAccount(stopLater, 'Importer', { replies: false }));
    keyId = await system.apiKeyIdOf(account.id);
  });

  const importCsv = (csv: string, target = account) =>
    system.request('POST', `/v1/accounts/${target.id}/blocklist/import`, { token: target.apiKey, body: csv, contentType: 'text/csv' });
  const count = async (table: string, target = account) => Number((await system.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE account_id = $1`, [target.id]))[0].n);
  const exportCsv = async (query = '', target = account) => {
    const response = await fetch(`${system.baseUrl}/v1/accounts/${target.id}/blocklist/export${query}`, { headers: { authorization: `Bearer ${target.apiKey}` } });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  const file = [
    'Phone,Opted Out At,Keyword',
    '+12025550101,2024-05-01,STOP',
    '+12025550102,2024-05-02T10:30:00Z,',
    '',
    'not-a-number,2024-05-01,STOP',
    '+12025550103,2024-13-01,STOP',
    '"+12025550104","2024-05-03","say ""stop"", please"',
    '+12025550105,2024-05-04,STOP,extra',
    '+12025550106',
  ].join('\r\n');

  it('imports the good rows and lists each bad one by row number', async () => {
    const response = await importCsv(file);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      rows: 7,
      recorded: 4,
      alreadyRecorded: 0,
      applied: 4,
      superseded: 0,
      rejected: 3,
      errorsTruncated: false,
      errors: [
        { row: 5, code: 'invalid_phone', message: 'phone "not-a-number" contains letters' },
        { row: 6, code: 'invalid_opted_out_at', message: expect.stringContaining('2024-13-01') },
        { row: 8, code: 'too_many_columns', message: expect.any(String) },
      ],
    });
    expect(await gateAnswer(system, account, '+12025550101')).toMatchObject({ allowed: false, status: 'opted_out', since: '2024-05-01T00:00:00.000Z', keyword: 'STOP' });
    expect(await gateAnswer(system, account, '+12025550104')).toMatchObject({ allowed: false, keyword: 'say "stop", please' });
    const rows = await system.sql<{ source: string; api_key_id: string; sender: string; follow_ups_done_at: Date | null; source_message_id: string }>(
      'SELECT source, api_key_id, sender, follow_ups_done_at, source_message_id FROM consent_events WHERE account_id = $1',
      [account.id],
    );
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toEqual({ source: 'import', api_key_id: keyId, sender: '', follow_ups_done_at: expect.any(Date), source_message_id: expect.stringMatching(/^import:/) });
    // A row without optedOutAt is dated at the import.
    expect(Date.parse((await gateAnswer(system, account, '+12025550106')).since)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('changes nothing when the same file is imported again', async () => {
    const states = await system.sql('SELECT phone, status, since, source_message_id, event_id, updated_at FROM consent_states WHERE account_id = $1 ORDER BY phone', [account.id]);
    const response = await importCsv(file);
    expect(response.body).toMatchObject({ rows: 7, recorded: 0, alreadyRecorded: 4, applied: 0, superseded: 0, rejected: 3 });
    expect(await count('consent_events')).toBe(4);
    expect(await system.sql('SELECT phone, status, since, source_message_id, event_id, updated_at FROM consent_states WHERE account_id = $1 ORDER BY phone', [account.id])).toEqual(states);
  });

  it('never lets an imported opt-out override a later opt-in, but applies one dated after it', async () => {
    const [older, newer] = ['+12025550201', '+12025550202'];
    for (const phone of [older, newer]) {
      const start = await system.request('POST', '/v1/inbound', {
        token: account.apiKey,
        json: { accountId: account.id, messageId: `start-${phone}`, from: phone, to: '+12025550100', body: 'START', receivedAt: '2025-06-01T12:00:00.000Z' },
      });
      expect(start.status).toBe(202);
    }
    await system.waitUntilQueuesDrain();
    const response = await importCsv(`${older},2025-06-01T11:59:59Z,STOP\n${newer},2025-06-01T12:00:01Z,STOP\n`);
    expect(response.body).toMatchObject({ recorded: 2, applied: 1, superseded: 1 });
    expect(await gateAnswer(system, account, older)).toMatchObject({ allowed: true, status: 'opted_in', keyword: 'START' });
    expect(await gateAnswer(system, account, newer)).toMatchObject({ allowed: false, status: 'opted_out', since: '2025-06-01T12:00:01.000Z' });
    // The superseded row is still on record.
    expect(await system.sql('SELECT kind, source FROM consent_events WHERE account_id = $1 AND phone = $2 ORDER BY received_at', [account.id, older])).toEqual([
      { kind: 'optOut', source: 'import' },
      { kind: 'optIn', source: 'sms' },
    ]);
  });

  it('keeps the gate cache right: a cached "allowed" is replaced, and a failed cache write is repaired by re-importing', async () => {
    const [cached, unlucky] = ['+12025550301', '+12025550302'];
    // Both numbers are asked about first, so the gate caches "unknown" for them.
    expect(await gateAnswer(system, account, cached)).toMatchObject({ allowed: true, status: 'unknown' });
    expect(await gateAnswer(system, account, unlucky)).toMatchObject({ allowed: true, status: 'unknown' });
    expect(await importCsv(`${cached},2024-01-01\n`)).toMatchObject({ status: 200 });
    expect(await gateAnswer(system, account, cached)).toMatchObject({ allowed: false, status: 'opted_out' });

    const cache = system.app.get(GateCache);
    const failing = jest.spyOn(cache, 'writeManyIfNewer').mockRejectedValueOnce(new Error('Redis went away'));
    const interrupted = await importCsv(`${unlucky},2024-01-01\n`);
    failing.mockRestore();
    expect(interrupted.status).toBe(503);
    expect(interrupted.body.error).toMatchObject({ code: 'import_interrupted', message: expect.stringContaining('send the same file again') });
    // Committed in Postgres, but the cache still has the stale "unknown".
    expect(await gateAnswer(system, account, unlucky)).toMatchObject({ allowed: true });
    const retried = await importCsv(`${unlucky},2024-01-01\n`);
    expect(retried.body).toMatchObject({ recorded: 0, alreadyRecorded: 1 });
    expect(await gateAnswer(system, account, unlucky)).toMatchObject({ allowed: false, status: 'opted_out' });
  });

  it('imports many rows in batches, with no webhooks and no texts for imported rows', async () => {
    await system.waitUntilQueuesDrain();
    const before = receiver.requests.length;
    const rows = Array.from({ length: 25_000 }, (_, i) => `+1404${String(2000000 + i)},2024-02-01T00:00:00Z,STOP`);
    const response = await importCsv(`phone,optedOutAt,keyword\n${rows.join('\n')}\n`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 25_000, recorded: 25_000, applied: 25_000, rejected: 0 });
    expect(await gateAnswer(system, account, '+14042024999')).toMatchObject({ allowed: false });
    await system.waitUntilQueuesDrain();
    expect(receiver.requests).toHaveLength(before);
  });

  it('caps the error list and counts the rest', async () => {
    const response = await importCsv(Array.from({ length: 1_500 }, (_, i) => `bad-${i}`).join('\n'));
    expect(response.body).toMatchObject({ rows: 1_500, rejected: 1_500, errorsTruncated: true });
    expect(response.body.errors).toHaveLength(1_000);
  });

  it('refuses a file it cannot read as a whole, with nothing imported', async () => {
    const before = await count('consent_events');
    // Refused on its first line while the client is still sending: the answer comes at once, and the
    // connection is closed after it rather than left waiting for a body nobody reads.
    const rest = Array.from({ length: 20_000 }, (_, i) => `+1404${3000000 + i},Ann`).join('\n');
    expect((await importCsv(`phone,name\n${rest}\n`)).body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'header' })] });
    expect((await importCsv('')).status).toBe(400);
    const json = await system.request('POST', `/v1/accounts/${account.id}/blocklist/import`, { token: account.apiKey, json: { phone: '+12025550401' } });
    expect(json.status).toBe(415);
    expect(await count('consent_events')).toBe(before);
  });

  it('streams the block list as CSV that imports back unchanged, and the ledger with ?include=history', async () => {
    const exported = await exportCsv();
    expect(exported.status).toBe(200);
    expect(exported.type).toMatch(/^text\/csv/);
    const lines = exported.text.trimEnd().split('\n');
    expect(lines[0]).toBe('phone,optedOutAt,keyword,source');
    expect(lines).toContain('+12025550101,2024-05-01T00:00:00.000Z,STOP,import');
    expect(lines).toContain('+12025550104,2024-05-03T00:00:00.000Z,"say ""stop"", please",import');
    const [{ n }] = await system.sql<{ n: string }>("SELECT count(*) AS n FROM consent_states WHERE account_id = $1 AND status = 'opted_out'", [account.id]);
    const blocked = Number(n);
    expect(lines).toHaveLength(blocked + 1);

    const copy = await system.createAccount('Copy');
    const reimported = await importCsv(exported.text, copy);
    expect(reimported.body).toMatchObject({ rows: blocked, recorded: blocked, rejected: 0 });
    expect((await exportCsv('', copy)).text.replace(/,(api|sms)\n/g, ',import\n')).toBe(exported.text.replace(/,(api|sms)\n/g, ',import\n'));

    const history = await exportCsv('?include=history');
    const ledgerLines = history.text.trimEnd().split('\n');
    expect(ledgerLines[0]).toBe('eventId,phone,kind,keyword,scopeCountry,scopeLanguage,language,country,profileVersion,source,messageId,sender,receivedAt,appliedAt,apiKeyId,reason,erasedAt');
    expect(ledgerLines).toHaveLength((await count('consent_events')) + 1);
    expect(ledgerLines.filter((line) => line.includes(',+12025550201,'))).toEqual([
      expect.stringMatching(/,optOut,STOP,.*,import,import:/),
      expect.stringMatching(/,optIn,START,.*,sms,start-\+12025550201,\+12025550100,/),
    ]);
    expect((await exportCsv('?include=everything')).status).toBe(400);
  });
});
